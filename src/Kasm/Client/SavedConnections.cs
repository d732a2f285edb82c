using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kasm.Client
{
    /// <summary>Where a saved connection's secret comes from when Connect-Kasm -Name uses it. Never the file itself in plain text.</summary>
    public enum KasmSecretSource
    {
        /// <summary>An environment variable (KASM_API_KEY_SECRET unless the profile names another), read at connect time.</summary>
        Environment,
        /// <summary>A SecretManagement vault's secret, read with Get-Secret at connect time.</summary>
        Vault,
        /// <summary>A DPAPI-protected export (ConvertFrom-SecureString) in the file, readable only by the same Windows user on the same machine. Windows only.</summary>
        WindowsDataProtection,
    }

    /// <summary>One saved connection: what Connect-Kasm needs, except the secret itself.</summary>
    internal sealed class SavedConnection
    {
        public string Name { get; set; } = "";
        public string Server { get; set; } = "";
        public string ApiKey { get; set; } = "";
        public KasmAuthentication Authentication { get; set; } = KasmAuthentication.Body;
        public bool SkipCertificateCheck { get; set; }
        public string[] CertificateThumbprint { get; set; } = Array.Empty<string>();
        public int TimeoutSec { get; set; } = 100;
        public int MaximumRetryCount { get; set; } = 2;
        public double RetryIntervalSec { get; set; } = 1;
        public KasmSecretSource SecretSource { get; set; } = KasmSecretSource.Environment;
        /// <summary>The environment variable that holds the secret (SecretSource Environment).</summary>
        public string? SecretVariable { get; set; }
        /// <summary>The vault secret's name and the vault (SecretSource Vault; the vault may be left to the default).</summary>
        public string? VaultSecretName { get; set; }
        public string? Vault { get; set; }
        /// <summary>ConvertFrom-SecureString's DPAPI output (SecretSource WindowsDataProtection only).</summary>
        public string? ProtectedSecret { get; set; }
    }

    /// <summary>
    /// The saved connections file: JSON, one entry per name, in the user's configuration folder
    /// (%APPDATA%\Kasm\connections.json on Windows, $XDG_CONFIG_HOME/kasm or ~/.config/kasm/connections.json elsewhere),
    /// or where KASM_CONNECTIONS_FILE points. It holds no secret in plain text (docs: about_Kasm, SAVED CONNECTIONS).
    /// </summary>
    internal static class SavedConnections
    {
        public const string FileVariable = "KASM_CONNECTIONS_FILE";
        private static readonly Regex NamePattern = new Regex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$");
        private static readonly JsonSerializerOptions Json = new JsonSerializerOptions
        {
            WriteIndented = true,
            Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
        };

        public static string FilePath
        {
            get
            {
                string? overridden = System.Environment.GetEnvironmentVariable(FileVariable);
                if (!string.IsNullOrWhiteSpace(overridden)) return Path.GetFullPath(overridden);
                string folder = System.Environment.GetFolderPath(System.Environment.SpecialFolder.ApplicationData);
                bool windows = Path.DirectorySeparatorChar == '\\';
                return Path.Combine(folder, windows ? "Kasm" : "kasm", "connections.json");
            }
        }

        public static void CheckName(string name)
        {
            if (!NamePattern.IsMatch(name ?? ""))
                throw new ArgumentException($"'{name}' is not a connection name: use up to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }

        public static Dictionary<string, SavedConnection> Load(string path)
        {
            var all = new Dictionary<string, SavedConnection>(StringComparer.OrdinalIgnoreCase);
            if (!File.Exists(path)) return all;
            List<SavedConnection>? list;
            try { list = JsonSerializer.Deserialize<List<SavedConnection>>(File.ReadAllText(path, Encoding.UTF8), Json); }
            catch (JsonException ex) { throw new ArgumentException($"The saved connections file {path} is not valid JSON: {ex.Message}", ex); }
            foreach (var c in list ?? new List<SavedConnection>()) if (!string.IsNullOrEmpty(c.Name)) all[c.Name] = c;
            return all;
        }

        public static SavedConnection Get(string name)
        {
            CheckName(name);
            string path = FilePath;
            var all = Load(path);
            if (!all.TryGetValue(name, out var saved))
            {
                string known = all.Count == 0 ? "there are none" : "saved: " + string.Join(", ", all.Keys.OrderBy(k => k, StringComparer.OrdinalIgnoreCase));
                throw new KasmApiException(KasmErrorId.ItemNotFound, $"No connection named '{name}' is saved in {path} ({known}). Save one with Save-KasmConnection.");
            }
            return saved;
        }

        /// <summary>Adds or (with <paramref name="replace"/>) replaces one entry; the file is written whole, via a temporary file.</summary>
        public static string Save(SavedConnection connection, bool replace)
        {
            CheckName(connection.Name);
            if (connection.SecretSource == KasmSecretSource.WindowsDataProtection && string.IsNullOrEmpty(connection.ProtectedSecret))
                throw new ArgumentException("A Windows data protection profile needs its protected secret.");
            if (connection.SecretSource != KasmSecretSource.WindowsDataProtection) connection.ProtectedSecret = null;
            string path = FilePath;
            var all = Load(path);
            if (all.ContainsKey(connection.Name) && !replace)
                throw new ArgumentException($"A connection named '{connection.Name}' is already saved in {path}. Add -Force to replace it.");
            all[connection.Name] = connection;
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // A temporary file of its own (two saves at once never share one), readable by this user only on Linux and
            // macOS (the file names keys and servers, never a secret), then put in place in one step.
            string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            try
            {
                File.WriteAllText(temp, JsonSerializer.Serialize(all.Values.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ToList(), Json), new UTF8Encoding(false));
                OwnerOnly(temp);
                if (File.Exists(path)) File.Replace(temp, path, null);
                else File.Move(temp, path);
            }
            finally
            {
                if (File.Exists(temp)) File.Delete(temp);
            }
            return path;
        }

        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
        private static extern int Chmod(string path, int mode);

        /// <summary>Mode 0600 on Linux and macOS (Windows keeps a profile folder's own permissions).</summary>
        private static void OwnerOnly(string path)
        {
            if (System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows)) return;
            try { Chmod(path, 0x180); } // 0600
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException) { }
        }
    }
}
