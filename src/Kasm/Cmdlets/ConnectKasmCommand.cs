using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using Kasm.Client;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Connects to a Kasm Workspaces server with an API key and makes it the default for this session.</para>
    /// <para type="description">Connect-Kasm checks, with one cheap call, that the server is reachable, that its TLS certificate is trusted and that the API key and secret work, and says which one failed; a failure stops the script, and the earlier default connection stays as it was. The connection becomes the default for the current PowerShell session; every other cmdlet also takes -Connection, so several servers can be driven at once. With no credential parameters it reads KASM_SERVER, KASM_API_KEY and KASM_API_KEY_SECRET, for runbooks. -Name connects with a connection saved by Save-KasmConnection, whose secret comes from an environment variable, a SecretManagement vault or (Windows only) a DPAPI-protected export, never from plain text. The secret is kept as a SecureString and never shown.</para>
    /// <example><code>Connect-Kasm -Server $server -Credential ([pscredential]::new('DemoKey00001', $secret)) -SkipCertificateCheck</code><para>Connects with a credential: the API key as the user name, its secret as the password. At the prompt, -Credential (Get-Credential -UserName &lt;key&gt;) asks for the secret.</para></example>
    /// <example><code>Connect-Kasm -Server $server -ApiKey DemoKey00001 -ApiKeySecret $secret -SkipCertificateCheck</code><para>Connects to the emulator (https://127.0.0.1:8443 when started with build.ps1 -Task Emulator), whose certificate is self-signed.</para></example>
    /// <example><code>$env:KASM_SERVER = $server; $env:KASM_API_KEY = 'DemoKey00001'; $env:KASM_API_KEY_SECRET = [pscredential]::new('key', $secret).GetNetworkCredential().Password; Connect-Kasm -SkipCertificateCheck</code><para>Takes the server, key and secret from KASM_SERVER, KASM_API_KEY and KASM_API_KEY_SECRET, as a runbook's scheduler sets them (here from $secret).</para></example>
    /// <example><code>$env:KASM_API_KEY_SECRET = [pscredential]::new('key', $secret).GetNetworkCredential().Password; Save-KasmConnection -Name lab -Force; Connect-Kasm -Name lab</code><para>Saves the current connection as 'lab' and connects with it again; the secret comes from KASM_API_KEY_SECRET (here from $secret).</para></example>
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "Kasm", DefaultParameterSetName = EnvironmentSet)]
    [OutputType(typeof(KasmConnection))]
    public sealed class ConnectKasmCommand : KasmCmdlet
    {
        private const string CredentialSet = "Credential";
        private const string ApiKeySet = "ApiKey";
        private const string EnvironmentSet = "Environment";
        private const string SavedSet = "Saved";

        /// <summary>Connects with a connection saved by Save-KasmConnection: its server, key and settings, and the secret from where the saved entry says (an environment variable, a SecretManagement vault, or on Windows the DPAPI-protected file). Settings given on the command line win.</summary>
        [Parameter(Mandatory = true, ParameterSetName = SavedSet)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>The server: a host name (https is assumed), or an https:// or http:// URL with an optional port. Default: $env:KASM_SERVER.</summary>
        [Parameter(Position = 0, ParameterSetName = CredentialSet)]
        [Parameter(Position = 0, ParameterSetName = ApiKeySet)]
        [Parameter(Position = 0, ParameterSetName = EnvironmentSet)]
        [ValidateNotNullOrEmpty]
        public string? Server { get; set; }

        /// <summary>The API key as the user name and its secret as the password.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CredentialSet)]
        [Credential]
        public PSCredential? Credential { get; set; }

        /// <summary>The API key (12 letters and digits in Kasm's admin UI).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ApiKeySet)]
        [ValidateNotNullOrEmpty]
        public string? ApiKey { get; set; }

        /// <summary>The API key's secret.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ApiKeySet)]
        [ValidateNotNull]
        public SecureString? ApiKeySecret { get; set; }

        /// <summary>Body (default: key and secret in the JSON body, as every released Kasm expects) or Basic (an Authorization header).</summary>
        [Parameter]
        public KasmAuthentication Authentication { get; set; } = KasmAuthentication.Body;

        /// <summary>Accepts any server certificate. Kasm installs are self-signed by default; -CertificateThumbprint is safer.</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>Trusts exactly the certificates with these thumbprints (SHA-1 or SHA-256) and no other: pinning, safer than -SkipCertificateCheck.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[]? CertificateThumbprint { get; set; }

        /// <summary>Seconds each request may take (default 100).</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; } = 100;

        /// <summary>How often a request that is safe to repeat is retried after a transient fault (default 2).</summary>
        [Parameter]
        [ValidateRange(0, 20)]
        public int MaximumRetryCount { get; set; } = 2;

        /// <summary>Seconds before the first retry (default 1); later retries back off exponentially, honouring Retry-After.</summary>
        [Parameter]
        [ValidateRange(0.0, 600.0)]
        public double RetryIntervalSec { get; set; } = 1;

        /// <summary>Checks the settings and the server, then stores the connection as this session's default.</summary>
        protected override void EndProcessing()
        {
            var settings = Name != null ? FromSaved(Name) : new ConnectionSettings
            {
                Server = Server,
                ApiKey = Credential?.UserName ?? ApiKey,
                ApiKeySecret = Credential?.Password ?? ApiKeySecret,
                Authentication = Authentication,
                SkipCertificateCheck = SkipCertificateCheck,
                CertificateThumbprint = CertificateThumbprint,
                TimeoutSec = TimeoutSec,
                MaximumRetryCount = MaximumRetryCount,
                RetryIntervalSec = RetryIntervalSec,
            };
            if (settings == null) return;
            // What was not given comes from KASM_SERVER, KASM_API_KEY and KASM_API_KEY_SECRET, in every parameter set:
            // -Credential without -Server uses KASM_SERVER (a key given on the command line is never replaced).
            if (Name == null) settings.FillFromEnvironment(Environment.GetEnvironmentVariable);

            KasmConnection connection;
            try { connection = settings.CreateConnection(); }
            catch (ArgumentException ex)
            {
                ThrowTerminatingError(InvalidArgument(ex.Message, Server, ex));
                return;
            }
            if (connection.Server.Scheme == "http")
                WriteWarning($"{connection.Server} uses plain HTTP: the API secret crosses the network unencrypted. Use https:// unless this is a test server on this machine.");

            // A failed connect stops the script (like Connect-AzAccount): carrying on would run the next commands
            // against an older default connection, possibly another server.
            try
            {
                string? warning = new KasmClient(connection, this).Probe(Cancellation);
                if (warning != null) WriteWarning(warning);
            }
            catch (KasmApiException ex)
            {
                connection.Dispose();
                ThrowTerminatingError(ex.ToErrorRecord(connection.Server));
            }
            catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
            {
                connection.Dispose();
                throw new PipelineStoppedException();
            }
            ConnectionStore.Add(connection);
            WriteObject(connection);
        }

        /// <summary>The settings of a saved connection, with the command line's settings on top and the secret read from its source.</summary>
        private ConnectionSettings? FromSaved(string name)
        {
            SavedConnection saved;
            try { saved = SavedConnections.Get(name); }
            catch (ArgumentException ex) { ThrowTerminatingError(InvalidArgument(ex.Message, name, ex)); return null; }
            catch (KasmApiException ex) { ThrowTerminatingError(ex.ToErrorRecord(name)); return null; }
            var settings = new ConnectionSettings
            {
                Server = saved.Server,
                ApiKey = saved.ApiKey,
                Authentication = IsOnCommandLine(nameof(Authentication)) ? Authentication : saved.Authentication,
                SkipCertificateCheck = IsOnCommandLine(nameof(SkipCertificateCheck)) ? SkipCertificateCheck.IsPresent : saved.SkipCertificateCheck,
                CertificateThumbprint = IsOnCommandLine(nameof(CertificateThumbprint)) ? CertificateThumbprint : saved.CertificateThumbprint,
                TimeoutSec = IsOnCommandLine(nameof(TimeoutSec)) ? TimeoutSec : saved.TimeoutSec,
                MaximumRetryCount = IsOnCommandLine(nameof(MaximumRetryCount)) ? MaximumRetryCount : saved.MaximumRetryCount,
                RetryIntervalSec = IsOnCommandLine(nameof(RetryIntervalSec)) ? RetryIntervalSec : saved.RetryIntervalSec,
            };
            string where = $"The saved connection '{saved.Name}' ({SavedConnections.FilePath})";
            switch (saved.SecretSource)
            {
                case KasmSecretSource.Environment:
                    string variable = saved.SecretVariable ?? ConnectionSettings.SecretVariable;
                    string? text = Environment.GetEnvironmentVariable(variable);
                    if (string.IsNullOrEmpty(text))
                    {
                        ThrowTerminatingError(InvalidArgument($"{where} takes its secret from the environment variable {variable}, which is not set. Set it (a runbook's scheduler or vault usually does), then connect again. Nothing was sent.", name));
                        return null;
                    }
                    settings.ApiKeySecret = ToSecure(text!);
                    break;
                case KasmSecretSource.Vault:
                    if (InvokeCommand.GetCommand("Get-Secret", CommandTypes.Cmdlet | CommandTypes.Function) == null)
                    {
                        ThrowTerminatingError(InvalidArgument($"{where} takes its secret from the SecretManagement vault secret '{saved.VaultSecretName}', but Get-Secret is not available: install Microsoft.PowerShell.SecretManagement and a vault, or save the connection again with the secret in an environment variable. Nothing was sent.", name));
                        return null;
                    }
                    settings.ApiKeySecret = Reveal(where, $"the vault secret '{saved.VaultSecretName}'",
                        "param($n, $v) if ($v) { Get-Secret -Name $n -Vault $v -ErrorAction Stop } else { Get-Secret -Name $n -ErrorAction Stop }",
                        saved.VaultSecretName, saved.Vault);
                    break;
                case KasmSecretSource.WindowsDataProtection:
                    settings.ApiKeySecret = Reveal(where, "its Windows-protected copy", "param($p) ConvertTo-SecureString -String $p -ErrorAction Stop", saved.ProtectedSecret);
                    break;
            }
            return settings;
        }

        private SecureString? Reveal(string where, string what, string script, params object?[] args)
        {
            // A script block's Invoke returns its output (InvokeScript with PipelineResultTypes.Output would write it to
            // this cmdlet's own pipeline instead), and a failure inside it arrives as a RuntimeException.
            System.Collections.ObjectModel.Collection<PSObject> result;
            try { result = InvokeCommand.NewScriptBlock(script).Invoke(args); }
            catch (RuntimeException e)
            {
                ThrowTerminatingError(InvalidArgument($"{where} could not read its secret from {what}: {e.Message} Nothing was sent.", Name));
                return null;
            }
            var secret = result.Select(r => r?.BaseObject).OfType<SecureString>().FirstOrDefault();
            if (secret == null)
                ThrowTerminatingError(InvalidArgument($"{where} reads its secret from {what}, which gave no SecureString. Nothing was sent.", Name));
            return secret;
        }

        private static SecureString ToSecure(string text)
        {
            var secure = new SecureString();
            foreach (char c in text) secure.AppendChar(c);
            secure.MakeReadOnly();
            return secure;
        }
    }
}
