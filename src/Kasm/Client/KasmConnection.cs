using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Runtime.InteropServices;
using System.Security.Authentication;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;

namespace Kasm.Client
{

    /// <summary>
    /// One Kasm server and the credentials for it. Safe to share across threads and runspaces
    /// (pass it with $using: to ForEach-Object -Parallel). The secret is held as a SecureString, is no public
    /// property, and appears in no ToString, error or log.
    /// </summary>
    public sealed class KasmConnection : IDisposable
    {
        private static int _nextId;
        private readonly SecureString _secret;
        private readonly string[] _thumbprints;
        private HttpClient? _http;
        private string? _lastRejectedThumbprint;

        internal KasmConnection(Uri server, string apiKey, SecureString secret, KasmAuthentication authentication,
            bool skipCertificateCheck, string[]? certificateThumbprints, int timeoutSec, int maximumRetryCount, double retryIntervalSec)
        {
            Server = server;
            ApiKey = apiKey;
            _secret = secret.Copy();
            _secret.MakeReadOnly();
            Authentication = authentication;
            SkipCertificateCheck = skipCertificateCheck;
            _thumbprints = (certificateThumbprints ?? Array.Empty<string>()).Select(NormalizeThumbprint).ToArray();
            TimeoutSec = timeoutSec;
            MaximumRetryCount = maximumRetryCount;
            RetryIntervalSec = retryIntervalSec;
            _http = CreateHttpClient();
        }

        /// <summary>
        /// A number that tells this connection from others made in the same process: 1 for the first successful
        /// Connect-Kasm, 2 for the next, and so on (a failed attempt takes no number); 0 before it is connected.
        /// </summary>
        public int Id { get; private set; }

        /// <summary>Gives the connection its number once it has proved to work (ConnectionStore.Add).</summary>
        internal void Number()
        {
            if (Id == 0) Id = Interlocked.Increment(ref _nextId);
        }

        /// <summary>The server's base address, such as https://kasm.example.com/.</summary>
        public Uri Server { get; }

        /// <summary>The API key (an identifier, not the secret).</summary>
        public string ApiKey { get; }

        /// <summary>Body (default) or Basic.</summary>
        public KasmAuthentication Authentication { get; }

        /// <summary>True when any server certificate is accepted.</summary>
        public bool SkipCertificateCheck { get; }

        /// <summary>When set, the only certificates trusted (pinning), by SHA-1 or SHA-256 thumbprint.</summary>
        public string[] CertificateThumbprint => (string[])_thumbprints.Clone();

        /// <summary>Seconds each request may take before it fails with KasmTimeout.</summary>
        public int TimeoutSec { get; }

        /// <summary>How often an idempotent request is retried after a transient fault.</summary>
        public int MaximumRetryCount { get; }

        /// <summary>The first retry's delay in seconds; later ones back off exponentially with jitter.</summary>
        public double RetryIntervalSec { get; }

        /// <summary>The Kasm build id from system_info (1.15.0.abc123), when the key may read it.</summary>
        public string? BuildId { get; internal set; }

        /// <summary>The server's version parsed from <see cref="BuildId"/>, when known.</summary>
        public Version? ServerVersion { get; internal set; }

        /// <summary>When Connect-Kasm made this connection (UTC).</summary>
        public DateTime ConnectedAt { get; } = DateTime.UtcNow;

        /// <summary>False once Disconnect-Kasm closed it.</summary>
        public bool IsConnected => _http != null;

        /// <summary>A short description without any secret.</summary>
        public override string ToString() => $"{Server.GetLeftPart(UriPartial.Authority)} (key {ApiKey})";

        internal HttpClient Http => _http ?? throw new KasmApiException(KasmErrorId.NotConnected,
            $"The connection to {Server.GetLeftPart(UriPartial.Authority)} was closed with Disconnect-Kasm. Run Connect-Kasm again.");

        /// <summary>The thumbprint of the last certificate this connection refused, to name it in the error.</summary>
        internal string? LastRejectedThumbprint => Volatile.Read(ref _lastRejectedThumbprint);

        /// <summary>A copy of the secret, for Save-KasmConnection -SaveSecret (DPAPI on Windows).</summary>
        internal SecureString Secret() => _secret.Copy();

        /// <summary>
        /// The secret as text, to build one request (or to scrub it out of a message): copied out of the SecureString
        /// once and the unmanaged copy zeroed (NetworkCredential copied the SecureString first, a second copy per call).
        /// </summary>
        internal string RevealSecret()
        {
            IntPtr text = IntPtr.Zero;
            try
            {
                text = Marshal.SecureStringToGlobalAllocUnicode(_secret);
                return Marshal.PtrToStringUni(text) ?? string.Empty;
            }
            finally
            {
                if (text != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(text);
            }
        }

        internal bool SecretEquals(string? text) => text != null && text.Length > 0 && string.Equals(RevealSecret(), text, StringComparison.Ordinal);

        /// <summary>Closes the HTTP client; later calls fail with KasmNotConnected.</summary>
        public void Dispose()
        {
            Interlocked.Exchange(ref _http, null)?.Dispose();
        }

        private static string Sha256Thumbprint(X509Certificate2 certificate)
        {
            using var sha = System.Security.Cryptography.SHA256.Create();
            return BitConverter.ToString(sha.ComputeHash(certificate.RawData)).Replace("-", string.Empty);
        }

        internal static string NormalizeThumbprint(string thumbprint) =>
            new string((thumbprint ?? string.Empty).Where(Uri.IsHexDigit).ToArray()).ToUpperInvariant();

        /// <summary>
        /// Connections the HttpClient opens to the server at most on .NET Framework (which allows 2 by default; .NET has
        /// no limit): the most requests -ThrottleLimit puts in flight, so runspaces sharing it still overlap.
        /// </summary>
        internal const int MaxConnectionsPerServer = 64;

        private HttpClient CreateHttpClient()
        {
            var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                ServerCertificateCustomValidationCallback = ValidateCertificate,
            };
            if (RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal))
            {
                // Windows PowerShell offers TLS 1.0 unless the machine says otherwise; Kasm serves TLS 1.2+. Scoped to
                // this handler, not process-wide. TLS 1.3 (12288) is asked for only where the framework knows it.
                try { handler.SslProtocols = SslProtocols.Tls12 | (SslProtocols)12288; }
                catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException) { handler.SslProtocols = SslProtocols.Tls12; }
                // .NET Framework allows 2 connections per server by default; a connection shared by runspaces needs more.
                try { handler.MaxConnectionsPerServer = MaxConnectionsPerServer; } catch (PlatformNotSupportedException) { }
            }
            var http = new HttpClient(handler, disposeHandler: true)
            {
                BaseAddress = Server,
                // Each call gets its own timeout through a CancellationToken, so HttpClient's own is off.
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            http.DefaultRequestHeaders.UserAgent.ParseAdd($"Kasm-PowerShell/{typeof(KasmConnection).Assembly.GetName().Version}");
            http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
            // No "Expect: 100-continue" round trip before each POST (.NET Framework sends it by default).
            http.DefaultRequestHeaders.ExpectContinue = false;
            return http;
        }

        /// <summary>
        /// -SkipCertificateCheck accepts anything. With -CertificateThumbprint only the pinned certificates are accepted,
        /// whatever the system would trust (that is what pinning means). Otherwise normal validation decides.
        /// </summary>
        private bool ValidateCertificate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
        {
            if (SkipCertificateCheck) return true;
            if (_thumbprints.Length == 0 && errors == SslPolicyErrors.None) return true;
            string thumbprint = certificate?.Thumbprint?.ToUpperInvariant() ?? string.Empty;
            if (thumbprint.Length > 0 && Array.IndexOf(_thumbprints, thumbprint) >= 0) return true;
            // A pin may also be the SHA-256 of the certificate (what browsers and openssl show first).
            if (certificate != null && _thumbprints.Any(t => t.Length == 64) && Array.IndexOf(_thumbprints, Sha256Thumbprint(certificate)) >= 0) return true;
            Volatile.Write(ref _lastRejectedThumbprint, thumbprint);
            return false;
        }
    }
}
