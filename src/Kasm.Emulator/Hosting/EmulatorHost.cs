using System.Net;
using Kasm.Emulator.Api;
using Kasm.Emulator.Auth;
using Kasm.Emulator.State;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kasm.Emulator.Hosting;

/// <summary>Starts emulators, in-process (tests) or from <c>Program</c> (command line).</summary>
public static class EmulatorHost
{
    /// <summary>Starts Kestrel on 127.0.0.1 and returns once it is listening.</summary>
    public static async Task<RunningEmulator> StartAsync(EmulatorOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var profile = Profile.Get(options.Profile);
        var settings = new EmulatorSettings
        {
            SessionStartDelayMs = options.SessionStartDelayMs,
            DestroyDelayMs = options.DestroyDelayMs,
            MaxKasmsPerUser = options.MaxKasmsPerUser,
            LicenseLimit = options.LicenseLimit,
        };
        var core = new EmulatorCore(profile, settings, [.. EmulatorKeys.Defaults, .. options.AdditionalKeys], TimeProvider.System);
        StateFile.LoadIfPresent(core.State, options.StateFile);
        if (options.FuzzSeed is { } seed) core.SetFuzz(seed);
        core.SetCertificate(options.Certificate);
        var certificate = options.Http ? null : CertificateFactory.Get(options.Certificate);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(EmulatorHost).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The host must not hook Ctrl+C/SIGTERM of the process it lives in (a test runner); Program does that itself.
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                // The certificate is picked per handshake, so the "certificate" setting can change it at run time.
                // Each kind's SslStreamCertificateContext is built once, not per handshake.
                if (certificate is not null)
                    listen.UseHttps(new Microsoft.AspNetCore.Server.Kestrel.Https.TlsHandshakeCallbackOptions
                    {
                        OnConnection = _ => ValueTask.FromResult(new System.Net.Security.SslServerAuthenticationOptions
                        {
                            ServerCertificateContext = CertificateFactory.Context(core.State.Settings.Certificate),
                            ApplicationProtocols = [System.Net.Security.SslApplicationProtocol.Http11],
                        }),
                    });
            });
        });

        var app = builder.Build();
        app.Run(core.Pipeline.HandleAsync);
        await app.StartAsync(ct);

        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningEmulator(app, core, new Uri(address.TrimEnd('/') + "/"), certificate?.Thumbprint ?? "", options.StateFile);
    }

    /// <summary>An <see cref="IHostLifetime"/> that waits for nothing and listens to no signals.</summary>
    private sealed class PassiveLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
