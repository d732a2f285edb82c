using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kasm.Emulator.Hosting;

/// <summary>
/// Self-signed server certificates made in memory (no machine state, no certificate store): RSA 2048, server-auth EKU,
/// reloaded from PKCS#12 so Kestrel gets a usable private key. One per kind and process: RSA key generation is the
/// slowest part of a start and tests start many emulators.
/// <list type="bullet">
/// <item>"self-signed": SAN localhost/127.0.0.1/::1, valid from yesterday for a year (what Kasm installs by default).</item>
/// <item>"expired": the same names, valid only until yesterday.</item>
/// <item>"wrong-host": valid dates, but names only kasm.invalid.</item>
/// <item>"other": like self-signed, with its own key (a second certificate for pinning tests).</item>
/// </list>
/// </summary>
internal static class CertificateFactory
{
    public static readonly string[] Kinds = ["self-signed", "expired", "wrong-host", "other"];

    private static readonly ConcurrentDictionary<string, Lazy<X509Certificate2>> Made = new(StringComparer.Ordinal);

    public static X509Certificate2 Get(string kind = "self-signed") =>
        Made.GetOrAdd(kind, k => new Lazy<X509Certificate2>(() => Create(k), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    private static readonly ConcurrentDictionary<string, System.Net.Security.SslStreamCertificateContext> Contexts = new(StringComparer.Ordinal);

    /// <summary>The TLS context of a kind, built once (building it walks the chain).</summary>
    public static System.Net.Security.SslStreamCertificateContext Context(string kind) =>
        Contexts.GetOrAdd(kind, k => System.Net.Security.SslStreamCertificateContext.Create(Get(k), additionalCertificates: null, offline: true));

    public static void Validate(string kind)
    {
        if (Array.IndexOf(Kinds, kind) < 0) throw new ArgumentException($"certificate must be one of {string.Join(", ", Kinds)}, not '{kind}'");
    }

    private static X509Certificate2 Create(string kind)
    {
        Validate(kind);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(kind == "self-signed" ? "CN=Kasm Emulator" : $"CN=Kasm Emulator ({kind})", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        if (kind == "wrong-host")
            san.AddDnsName("kasm.invalid");
        else
        {
            san.AddDnsName("localhost");
            san.AddIpAddress(IPAddress.Loopback);
            san.AddIpAddress(IPAddress.IPv6Loopback);
        }
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));

        var now = DateTimeOffset.UtcNow;
        using var made = kind == "expired"
            ? request.CreateSelfSigned(now.AddYears(-1), now.AddDays(-1))
            : request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        string password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12, password), password);
    }
}
