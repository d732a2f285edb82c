using System.Diagnostics;
using System.Text.Json.Nodes;
using Kasm.Emulator.Hosting;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>The emulator as a child process: READY line, stop on stdin EOF and on SIGTERM.</summary>
public class CommandLineTests
{
    private static Process Start(params string[] args)
    {
        string dll = typeof(EmulatorHost).Assembly.Location;
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        return Process.Start(info)!;
    }

    private static async Task<JsonObject> ReadReadyAsync(Process process)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("KASM_EMULATOR_READY ", StringComparison.Ordinal))
                return JsonNode.Parse(line["KASM_EMULATOR_READY ".Length..])!.AsObject();
        }
        throw new InvalidOperationException("emulator exited before READY: " + await process.StandardError.ReadToEndAsync());
    }

    [Fact]
    public async Task Ready_line_then_exit_on_stdin_eof()
    {
        using var process = Start("--port", "0", "--profile", "kasm-1.19", "--exit-on-stdin-eof");
        try
        {
            var ready = await ReadReadyAsync(process);
            Assert.Equal("kasm-1.19", ready["profile"]!.GetValue<string>());
            string thumbprint = ready["thumbprint"]!.GetValue<string>();
            Assert.Matches("^[0-9A-F]{40}$", thumbprint);
            var demo = ready["keys"]!.AsArray()[0]!;
            Assert.Equal("DemoKey00001", demo["apiKey"]!.GetValue<string>());
            Assert.Equal("DemoSecret0000000000000000000001", demo["apiKeySecret"]!.GetValue<string>());
            Assert.Equal(6, ready["keys"]!.AsArray().Count);
            var expired = ready["keys"]!.AsArray().Single(k => k!["name"]!.GetValue<string>() == "expired")!;
            Assert.Equal("2020-01-01 00:00:00", expired["expires"]!.GetValue<string>());

            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, cert, _, _) => cert?.GetCertHashString() == thumbprint,
            };
            using var http = new HttpClient(handler);
            var health = await http.GetStringAsync(new Uri(new Uri(ready["url"]!.GetValue<string>()), "api/__healthcheck"));
            Assert.Equal("{\"ok\":true}", health);

            process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(wait.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited) process.Kill();
        }
    }

    [Fact]
    public async Task Sigterm_stops_cleanly_and_saves_state()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        string file = Path.Combine(Path.GetTempPath(), $"kasm-emulator-cli-{Guid.NewGuid():N}.json");
        using var process = Start("--port", "0", "--http", "--state", file);
        try
        {
            var ready = await ReadReadyAsync(process);
            Assert.Equal("", ready["thumbprint"]!.GetValue<string>());
            Assert.StartsWith("http://127.0.0.1:", ready["url"]!.GetValue<string>());
            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill.WaitForExitAsync();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(wait.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.True(File.Exists(file));
        }
        finally
        {
            if (!process.HasExited) process.Kill();
            File.Delete(file);
        }
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--port", "abc"]));
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--profile", "kasm-9"]));
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--bogus"]));
        var parsed = CommandLine.Parse(["--http", "--session-delay-ms", "250", "--state", "s.json", "--exit-on-stdin-eof"]);
        Assert.True(parsed.Options.Http);
        Assert.Equal(250, parsed.Options.SessionStartDelayMs);
        Assert.Equal("s.json", parsed.Options.StateFile);
        Assert.Equal(8443, parsed.Options.Port);
        Assert.True(parsed.ExitOnStdinEof);
    }

    [Fact]
    public void Fuzz_and_certificate_options_are_parsed_and_checked()
    {
        var parsed = CommandLine.Parse(["--fuzz", "42", "--certificate", "wrong-host"]);
        Assert.Equal(42, parsed.Options.FuzzSeed);
        Assert.Equal("wrong-host", parsed.Options.Certificate);
        Assert.Null(CommandLine.Parse([]).Options.FuzzSeed);
        Assert.Equal("self-signed", CommandLine.Parse([]).Options.Certificate);
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--certificate", "bogus"]));
        Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--fuzz", "x"]));
    }

    [Fact]
    public async Task Started_with_fuzz_and_an_expired_certificate_the_emulator_serves_both()
    {
        await using var emu = await TestEmulatorWith(o => { o.FuzzSeed = 9; o.Certificate = "expired"; });
        Assert.Equal(RunningEmulator.ThumbprintOf("expired"), emu.Emulator.CertificateThumbprint);
        Assert.Equal(9, emu.Emulator.Settings.FuzzSeed);
        var real = await emu.CallAsync("api/public/get_groups");
        emu.Emulator.SetFuzz(null);
        Assert.NotEqual((await emu.CallAsync("api/public/get_groups")).Text, real.Text);
    }

    private static Task<TestEmulator> TestEmulatorWith(Action<EmulatorOptions> configure) => TestEmulator.StartAsync(configure: configure);
}
