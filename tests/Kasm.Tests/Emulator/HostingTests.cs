using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Kasm.Emulator.Hosting;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>Start/stop, certificate, plain HTTP, state file, keys.</summary>
public class HostingTests
{
    [Fact]
    public async Task Serves_https_on_loopback_with_the_reported_certificate()
    {
        await using var emu = await TestEmulator.StartAsync();
        Assert.Equal("https", emu.Emulator.Url.Scheme);
        Assert.Equal("127.0.0.1", emu.Emulator.Url.Host);
        Assert.NotEqual(0, emu.Emulator.Url.Port);
        Assert.Matches("^[0-9A-F]{40}$", emu.Emulator.CertificateThumbprint);

        X509Certificate2? served = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, errors) =>
            {
                served = cert is null ? null : new X509Certificate2(cert);
                return errors == SslPolicyErrors.RemoteCertificateChainErrors; // self-signed, names match
            },
        };
        using var http = new HttpClient(handler);
        var reply = await http.GetAsync(new Uri(emu.Emulator.Url, "api/__healthcheck"));
        Assert.Equal(200, (int)reply.StatusCode);
        Assert.NotNull(served);
        Assert.Equal(emu.Emulator.CertificateThumbprint, served!.Thumbprint);
        Assert.Contains(served.Extensions.OfType<X509EnhancedKeyUsageExtension>().Single().EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>(),
            o => o.Value == "1.3.6.1.5.5.7.3.1");
    }

    [Fact]
    public async Task Plain_http_mode()
    {
        await using var emu = await EmulatorHost.StartAsync(new EmulatorOptions { Http = true, Profile = "kasm-1.19" });
        Assert.Equal("http", emu.Url.Scheme);
        Assert.Equal("", emu.CertificateThumbprint);
        Assert.Equal("kasm-1.19", emu.Profile);
        using var http = new HttpClient();
        var reply = await http.GetStringAsync(new Uri(emu.Url, "api/__healthcheck"));
        Assert.Equal("{\"ok\":true}", reply);
    }

    [Fact]
    public async Task Unknown_profile_is_refused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => EmulatorHost.StartAsync(new EmulatorOptions { Profile = "kasm-2.0" }));
    }

    [Fact]
    public async Task State_file_round_trips()
    {
        string file = Path.Combine(Path.GetTempPath(), $"kasm-emulator-{Guid.NewGuid():N}.json");
        try
        {
            await using (var first = await TestEmulator.StartAsync(configure: o => o.StateFile = file))
            {
                await first.CallAsync("api/public/create_user", new JsonObject { ["target_user"] = new JsonObject { ["username"] = "kept@example.com" } });
                await first.CallAsync("api/admin/update_image", new JsonObject { ["target_image"] = new JsonObject { ["image_id"] = Seeded.ChromeImageId, ["cores"] = 6 } });
            }
            Assert.True(File.Exists(file));
            await using var second = await TestEmulator.StartAsync(configure: o => o.StateFile = file);
            var user = await second.CallAsync("api/public/get_user", new JsonObject { ["target_user"] = new JsonObject { ["username"] = "kept@example.com" } });
            Assert.Equal(200, user.Status);
            var chrome = (await second.CallAsync("api/public/get_images")).Json["images"]!.AsArray()
                .Single(i => i!["image_id"]!.GetValue<string>() == Seeded.ChromeImageId)!;
            Assert.Equal(6.0, chrome["cores"]!.GetValue<double>());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Keys_are_fixed_and_well_formed()
    {
        var keys = Kasm.Emulator.Auth.EmulatorKeys.Defaults;
        Assert.Equal(["demo", "readonly", "imagesonly", "resources", "resourcesview", "expired"], keys.Select(k => k.Name));
        Assert.All(keys, k =>
        {
            Assert.Matches("^[A-Za-z0-9]{12}$", k.ApiKey);
            Assert.Matches("^[A-Za-z0-9]{32}$", k.ApiKeySecret);
        });
        Assert.Equal("DemoKey00001", keys[0].ApiKey);
        Assert.True(keys[1].ReadOnly);
        Assert.Equal(["Images View"], keys[2].Permissions);
        Assert.Equal(["Images Modify Resources"], keys[3].Permissions);
        Assert.Equal(["Images View", "Images Modify Resources"], keys[4].Permissions);
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), keys[5].Expires);
    }
}
