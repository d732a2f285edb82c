using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kasm.Emulator.Hosting;
using Kasm.Emulator.State;

CommandLine commandLine;
try
{
    commandLine = CommandLine.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}
if (commandLine.ShowHelp)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.TrySetResult();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.TrySetResult();
});

await using var emulator = await EmulatorHost.StartAsync(commandLine.Options);
var demo = emulator.Keys[0];
Console.WriteLine($"""
    Kasm API emulator ({emulator.Profile}) listening on {emulator.Url}
      API key:     {demo.ApiKey}   (key "{demo.Name}")
      API secret:  {demo.ApiKeySecret}
      Other keys:  {string.Join(", ", emulator.Keys.Skip(1).Select(k => k.Name))} (see the READY line)
      Certificate: {(emulator.CertificateThumbprint.Length > 0 ? "SHA-1 " + emulator.CertificateThumbprint : "none (plain HTTP)")}
      Control:     {emulator.Url}__emulator/requests | faults | settings | sessions/<id> | reset | stop
    Press Ctrl+C to stop.
    """);
var ready = new JsonObject
{
    ["url"] = emulator.Url.ToString(),
    ["profile"] = emulator.Profile,
    ["thumbprint"] = emulator.CertificateThumbprint,
    ["keys"] = new JsonArray([.. emulator.Keys.Select(k => (JsonNode)new JsonObject
    {
        ["name"] = k.Name,
        ["apiKey"] = k.ApiKey,
        ["apiKeySecret"] = k.ApiKeySecret,
        ["readOnly"] = k.ReadOnly,
        ["expires"] = Timestamps.Format(k.Expires),
        ["permissions"] = new JsonArray([.. k.Permissions.Select(p => (JsonNode)p)]),
    })]),
};
Console.WriteLine("KASM_EMULATOR_READY " + ready.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
Console.Out.Flush();

if (commandLine.ExitOnStdinEof)
{
    _ = Task.Run(async () =>
    {
        // Read until the parent closes our stdin (or dies); then stop.
        var buffer = new char[256];
        while (await Console.In.ReadAsync(buffer, 0, buffer.Length) > 0)
        {
        }
        stop.TrySetResult();
    });
}

// Ctrl+C, SIGTERM, stdin closed (with --exit-on-stdin-eof) or POST /__emulator/stop.
await Task.WhenAny(stop.Task, emulator.StopRequested);
Console.WriteLine("Stopping.");
return 0;
