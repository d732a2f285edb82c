using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Runtime.InteropServices;
using System.Security;
using Kasm.Client;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Saves a connection's settings under a name, for Connect-Kasm -Name; never the secret in plain text.</para>
    /// <para type="description">Saves the server, API key, TLS settings (-SkipCertificateCheck, -CertificateThumbprint), authentication, timeout and retry settings of a connection (the default one, or -Connection) under a name in the saved connections file: %APPDATA%\Kasm\connections.json on Windows, $XDG_CONFIG_HOME/kasm/connections.json (or ~/.config/kasm/connections.json) on Linux and macOS, or the file KASM_CONNECTIONS_FILE names. Connect-Kasm -Name connects with them later. The secret is never written in plain text. By default it is read at connect time from an environment variable (KASM_API_KEY_SECRET, or the one -SecretVariable names); -VaultSecretName reads it with Get-Secret from a SecretManagement vault (the module must be installed when connecting); -SaveSecret stores it exported with ConvertFrom-SecureString, which Windows protects with DPAPI for the current user on this machine. On Linux and macOS there is no such protection, so -SaveSecret is refused: use the environment or a vault. Nothing is sent to the server.</para>
    /// <example><code>Save-KasmConnection -Name lab</code><para>Saves the default connection as 'lab'; Connect-Kasm -Name lab later reads the secret from KASM_API_KEY_SECRET.</para></example>
    /// <example><code>Save-KasmConnection -Name prod -SecretVariable KASM_PROD_SECRET -Force</code><para>Saves the default connection as 'prod', whose secret a runbook's scheduler puts in KASM_PROD_SECRET.</para></example>
    /// <example><code># not run: needs Windows (DPAPI)
    /// Save-KasmConnection -Name prod -SaveSecret</code><para>On Windows, stores the secret protected for the current user on this machine.</para></example>
    /// <example><code># not run: needs the Microsoft.PowerShell.SecretManagement module and a vault
    /// Set-Secret -Name KasmProd -SecureStringSecret $secret; Save-KasmConnection -Name prod -VaultSecretName KasmProd</code><para>Keeps the secret in a SecretManagement vault; Connect-Kasm -Name prod reads it with Get-Secret.</para></example>
    /// </summary>
    [Cmdlet(VerbsData.Save, "KasmConnection", SupportsShouldProcess = true, DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveKasmConnectionCommand : KasmCmdlet
    {
        private const string EnvironmentSet = "Environment";
        private const string VaultSet = "Vault";
        private const string ProtectedSet = "WindowsDataProtection";

        /// <summary>The name to save it under (letters, digits, '.', '_', '-').</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>The connection to save. Default: this session's default connection.</summary>
        [Parameter]
        [ValidateNotNull]
        public KasmConnection? Connection { get; set; }

        /// <summary>The environment variable Connect-Kasm -Name reads the secret from (default: KASM_API_KEY_SECRET).</summary>
        [Parameter(ParameterSetName = EnvironmentSet)]
        [ValidatePattern("^[A-Za-z_][A-Za-z0-9_]*$")]
        public string? SecretVariable { get; set; }

        /// <summary>The name of the SecretManagement secret that holds the API secret; Connect-Kasm -Name reads it with Get-Secret.</summary>
        [Parameter(Mandatory = true, ParameterSetName = VaultSet)]
        [ValidateNotNullOrEmpty]
        public string? VaultSecretName { get; set; }

        /// <summary>The SecretManagement vault to read -VaultSecretName from (default: the default vault).</summary>
        [Parameter(ParameterSetName = VaultSet)]
        [ValidateNotNullOrEmpty]
        public string? Vault { get; set; }

        /// <summary>Stores the secret in the file, exported with ConvertFrom-SecureString (DPAPI: only this Windows user on this machine can read it). Windows only: refused on Linux and macOS.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ProtectedSet)]
        public SwitchParameter SaveSecret { get; set; }

        /// <summary>Replaces a connection already saved under the name.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Writes the entry, then outputs the file.</summary>
        protected override void EndProcessing()
        {
            try
            {
                SavedConnections.CheckName(Name!);
                if (SaveSecret && !RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                    throw new ArgumentException(
                        "-SaveSecret is refused on this system: outside Windows, ConvertFrom-SecureString has no data protection, so the secret would be stored in a form anyone who can read the file can reverse. " +
                        $"Keep the secret in an environment variable (the default: {ConnectionSettings.SecretVariable}, or -SecretVariable) or in a SecretManagement vault (-VaultSecretName). Nothing was saved.");
            }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(InvalidArgument(ex.Message, Name, ex));
                return;
            }
            var connection = Connection ?? ConnectionStore.Default;
            if (connection == null)
            {
                ThrowTerminatingError(new KasmApiException(KasmErrorId.NotConnected, "There is no connection to save: run Connect-Kasm first, or pass -Connection.").ToErrorRecord(Name));
                return;
            }
            var saved = new SavedConnection
            {
                Name = Name!,
                Server = connection.Server.AbsoluteUri,
                ApiKey = connection.ApiKey,
                Authentication = connection.Authentication,
                SkipCertificateCheck = connection.SkipCertificateCheck,
                CertificateThumbprint = connection.CertificateThumbprint,
                TimeoutSec = connection.TimeoutSec,
                MaximumRetryCount = connection.MaximumRetryCount,
                RetryIntervalSec = connection.RetryIntervalSec,
                SecretSource = SaveSecret ? KasmSecretSource.WindowsDataProtection : VaultSecretName != null ? KasmSecretSource.Vault : KasmSecretSource.Environment,
                SecretVariable = SaveSecret || VaultSecretName != null ? null : SecretVariable ?? ConnectionSettings.SecretVariable,
                VaultSecretName = VaultSecretName,
                Vault = Vault,
            };
            string path = SavedConnections.FilePath;
            if (!ShouldProcess($"saved connection {Name} in {path}", $"Save {connection} (secret from {Describe(saved)})")) return;
            try
            {
                if (SaveSecret) saved.ProtectedSecret = Protect(connection.Secret());
                WriteObject(new FileInfo(SavedConnections.Save(saved, Force)));
                if (saved.SkipCertificateCheck)
                    WriteWarning($"The saved connection '{Name}' skips certificate checks, as the connection it was saved from does: every Connect-Kasm -Name {Name} will trust any certificate. Connect with -CertificateThumbprint instead and save again, or pass -SkipCertificateCheck:$false to Connect-Kasm -Name.");
            }
            catch (Exception ex) when (ex is ArgumentException || ex is IOException || ex is UnauthorizedAccessException)
            {
                WriteError(InvalidArgument(ex.Message, Name, ex));
            }
        }

        internal static string Describe(SavedConnection saved) => saved.SecretSource switch
        {
            KasmSecretSource.Vault => $"the vault secret {saved.VaultSecretName}{(saved.Vault != null ? " in " + saved.Vault : "")}",
            KasmSecretSource.WindowsDataProtection => "the file, protected by Windows for this user",
            _ => $"the environment variable {saved.SecretVariable}",
        };

        private string Protect(SecureString secret)
        {
            // A script block's Invoke returns its output (InvokeScript with PipelineResultTypes.Output would write it
            // to this cmdlet's pipeline instead).
            var result = InvokeCommand.NewScriptBlock("param($s) ConvertFrom-SecureString -SecureString $s").Invoke(secret);
            return result.Select(r => r?.BaseObject as string).FirstOrDefault(s => !string.IsNullOrEmpty(s))
                ?? throw new ArgumentException("ConvertFrom-SecureString gave no output; nothing was saved.");
        }
    }
}
