using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kasm.Emulator.Hosting;

/// <summary>
/// A self-signed server certificate made in memory (no machine state, no certificate store): RSA 2048, SAN localhost/127.0.0.1/::1,
/// server-auth EKU, reloaded from PKCS#12 so Kestrel gets a usable private key. No certificate store is touched.
/// One per process: RSA key generation is the slowest part of a start and tests start many emulators.
/// </summary>
internal static class CertificateFactory
{
    private static readonly Lazy<X509Certificate2> Shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    public static X509Certificate2 Get() => Shared.Value;

    private static X509Certificate2 Create()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Kasm Emulator", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));

        var now = DateTimeOffset.UtcNow;
        using var made = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        string password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12, password), password);
    }
}
