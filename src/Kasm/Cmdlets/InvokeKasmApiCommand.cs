using System;
using System.Collections;
using System.IO;
using System.Management.Automation;
using System.Text;
using Kasm.Client;

using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Calls any Kasm API method with the current connection's credentials.</para>
    /// <para type="description">For the hundreds of API methods the module has no cmdlet for. -Method is the method name (get_kasms), optionally with its mount (public/get_kasms, admin/system_info); a name alone goes where the module's endpoint table puts that method (system_info to /api/admin/), and an unknown name to /api/public/, which answers every method. The body is a hashtable; the credentials are added for you. The answer comes back as objects (like ConvertFrom-Json), as the raw JSON text with -Raw, or as a file with -OutFile (for example a screenshot). Errors carry the same ids as every other cmdlet. Methods that are not known reads ask for confirmation under -Confirm and honour -WhatIf.</para>
    /// <example><code>Invoke-KasmApi get_users</code><para>Calls get_users and returns its answer as objects.</para></example>
    /// <example><code># not run: it writes shot.jpg into the current folder (Save-KasmSessionScreenshot does the same as a cmdlet)
    /// $s = Get-KasmSession | Select-Object -First 1; Invoke-KasmApi get_kasm_screenshot -Body @{ kasm_id = $s.KasmId; user_id = $s.UserId } -OutFile shot.jpg</code><para>Saves a session's screenshot.</para></example>
    /// <example><code>Invoke-KasmApi admin/system_info -Raw</code><para>Returns the system_info answer as JSON text.</para></example>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "KasmApi", SupportsShouldProcess = true)]
    [OutputType(typeof(PSObject), typeof(string))]
    public sealed class InvokeKasmApiCommand : KasmApiCmdlet
    {
        /// <summary>The API method: get_kasms, public/get_kasms or admin/system_info.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Method { get; set; }

        /// <summary>The request body without credentials, as a hashtable (nested hashtables and arrays allowed).</summary>
        [Parameter(Position = 1, ValueFromPipeline = true)]
        public IDictionary? Body { get; set; }

        /// <summary>Returns the answer's text unparsed.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        /// <summary>Writes the answer's bytes to this file instead of the pipeline.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutFile { get; set; }

        internal override Type[] PipedTypes => Type.EmptyTypes;

        /// <summary>Sends one call per body.</summary>
        protected override void ProcessItem()
        {
            KasmEndpoint endpoint;
            try
            {
                endpoint = KasmEndpoints.Resolve(Method!);
                if (Body != null)
                    foreach (var key in Body.Keys)
                        if (key is string k && (k == "api_key" || k == "api_key_secret"))
                            throw new System.ArgumentException($"Leave '{k}' out of -Body: the credentials come from the connection.");
            }
            catch (System.ArgumentException ex)
            {
                WriteError(InvalidArgument(ex.Message, Method, ex));
                return;
            }

            string? outPath = null;
            if (OutFile != null)
            {
                try
                {
                    outPath = SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutFile, out var provider, out _);
                    if (provider.ImplementingType != typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
                        throw new System.ArgumentException($"-OutFile '{OutFile}' is not a file system path; nothing was sent.");
                }
                catch (System.Exception ex) when (ex is System.ArgumentException || ex is ItemNotFoundException || ex is ProviderNotFoundException
                                                   || ex is System.Management.Automation.DriveNotFoundException || ex is System.NotSupportedException)
                {
                    WriteError(InvalidArgument(ex.Message, OutFile, ex));
                    return;
                }
                string? folder = Path.GetDirectoryName(outPath);
                if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
                {
                    WriteError(InvalidArgument($"The folder of -OutFile '{OutFile}' does not exist; nothing was sent.", OutFile));
                    return;
                }
            }

            bool isRead = endpoint.ReadOnly || endpoint.Name.StartsWith("get_", System.StringComparison.Ordinal);
            if (!isRead && !ShouldProcess($"/{endpoint.RelativePath}", "Invoke Kasm API method")) return;

            // The target is the method, never the body: a body may hold a password, and error records end up in $Error.
            Try(Method, () =>
            {
                var payload = JsonPayload.FromDictionary(Body);
                using var response = Client.Invoke(endpoint, payload, expectJson: !Raw && OutFile == null, Cancellation);
                if (outPath != null)
                {
                    try
                    {
                        File.WriteAllBytes(outPath, response.Body);
                        WriteVerbose($"Wrote {response.Body.Length} bytes to {outPath}.");
                    }
                    catch (System.Exception ex) when (ex is IOException || ex is System.UnauthorizedAccessException)
                    {
                        WriteError(new ErrorRecord(ex, "KasmOutFileFailed", ErrorCategory.WriteError, OutFile));
                    }
                }
                object? output = outPath != null ? null : Raw ? Encoding.UTF8.GetString(response.Body) : ModelMapper.ToPowerShell(response.Json);
                if (output != null) WriteObject(output);
                // A known method that made something and reported a failure next to it: the answer is output, then
                // the KasmPartialSuccess error, as from every other cmdlet (its target stays the method name).
                if (response.Partial is KasmApiException partial) WriteError(partial.ToErrorRecord(Method));
            });
        }
    }
}
