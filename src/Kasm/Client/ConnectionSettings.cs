using System;
using System.Linq;
using System.Security;

namespace Kasm.Client
{
    /// <summary>What Connect-Kasm was given, checked before any request is made.</summary>
    internal sealed class ConnectionSettings
    {
        public const string ServerVariable = "KASM_SERVER";
        public const string KeyVariable = "KASM_API_KEY";
        public const string SecretVariable = "KASM_API_KEY_SECRET";

        public string? Server { get; set; }
        public string? ApiKey { get; set; }
        public SecureString? ApiKeySecret { get; set; }
        public KasmAuthentication Authentication { get; set; } = KasmAuthentication.Body;
        public bool SkipCertificateCheck { get; set; }
        public string[]? CertificateThumbprint { get; set; }
        public int TimeoutSec { get; set; } = 100;
        public int MaximumRetryCount { get; set; } = 2;
        public double RetryIntervalSec { get; set; } = 1;

        /// <summary>Fills what was not given from KASM_SERVER, KASM_API_KEY and KASM_API_KEY_SECRET (runbooks).</summary>
        public void FillFromEnvironment(Func<string, string?> getVariable)
        {
            if (string.IsNullOrWhiteSpace(Server)) Server = getVariable(ServerVariable);
            if (string.IsNullOrWhiteSpace(ApiKey) && ApiKeySecret == null)
            {
                ApiKey = getVariable(KeyVariable);
                string? secret = getVariable(SecretVariable);
                if (!string.IsNullOrEmpty(secret))
                {
                    var secure = new SecureString();
                    foreach (char c in secret!) secure.AppendChar(c);
                    secure.MakeReadOnly();
                    ApiKeySecret = secure;
                }
            }
        }

        /// <summary>The server address as a base URI: a name without scheme means https; http is allowed (with a warning by the caller).</summary>
        public static Uri ParseServer(string? server)
        {
            if (string.IsNullOrWhiteSpace(server))
                throw new ArgumentException($"No server was given. Pass -Server, or set the {ServerVariable} environment variable.");
            string text = server!.Trim();
            if (!text.Contains("://")) text = "https://" + text;
            if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http") || uri.Host.Length == 0)
                throw new ArgumentException($"'{server}' is not a server address. Give a host name or an https:// URL, such as kasm.example.com or https://kasm.example.com:8443.");
            if (!string.IsNullOrEmpty(uri.UserInfo))
                throw new ArgumentException($"The server address has a user name or password in it; give only the scheme, host, port and path (the API key goes in -Credential or -ApiKey).");
            if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
                throw new ArgumentException($"'{server}' has a query or fragment; give only the scheme, host, port and (if Kasm is not at the root) path.");
            var builder = new UriBuilder(uri);
            // The API paths are relative to the base: strip a trailing /api the user may have copied, end with a slash.
            string path = builder.Path.TrimEnd('/');
            if (path.EndsWith("/api", StringComparison.OrdinalIgnoreCase)) path = path.Substring(0, path.Length - 4);
            builder.Path = path + "/";
            return builder.Uri;
        }

        public KasmConnection CreateConnection()
        {
            var server = ParseServer(Server);
            if (string.IsNullOrWhiteSpace(ApiKey))
                throw new ArgumentException($"No API key was given. Pass -Credential (user name = API key, password = secret), -ApiKey and -ApiKeySecret, or set {KeyVariable} and {SecretVariable}.");
            if (ApiKeySecret == null || ApiKeySecret.Length == 0)
                throw new ArgumentException($"No API key secret was given for key '{ApiKey}'. Pass -ApiKeySecret or -Credential, or set {SecretVariable}.");
            if (ApiKey!.Any(char.IsWhiteSpace) || ApiKey!.Contains(':'))
                throw new ArgumentException($"The API key '{ApiKey}' contains spaces or a colon; Kasm API keys are letters and digits.");
            var thumbprints = CertificateThumbprint ?? Array.Empty<string>();
            foreach (var t in thumbprints)
            {
                var normal = KasmConnection.NormalizeThumbprint(t);
                bool onlyHexAndSeparators = (t ?? string.Empty).All(c => Uri.IsHexDigit(c) || c == ':' || c == '-' || c == ' ');
                if (!onlyHexAndSeparators || (normal.Length != 40 && normal.Length != 64))
                    throw new ArgumentException($"'{t}' is not a certificate thumbprint: give the 40 hex digits of the SHA-1 thumbprint (or the 64 of its SHA-256).");
            }
            if (TimeoutSec < 1) throw new ArgumentException("-TimeoutSec must be at least 1.");
            return new KasmConnection(server, ApiKey!, ApiKeySecret, Authentication, SkipCertificateCheck, thumbprints,
                TimeoutSec, Math.Max(0, MaximumRetryCount), Math.Max(0, RetryIntervalSec));
        }
    }
}
