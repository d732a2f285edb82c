using System;
using System.Management.Automation;
using Kasm.Models;

using Kasm.Cmdlets.Completion;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets the Developer API keys (get_api_configs).</para>
    /// <para type="description">Lists the API keys defined on the server, or those whose name matches -Name (wildcards allowed; a name without wildcards that matches nothing is a KasmItemNotFound error): name, key, enabled and read-only flags, last use and expiry. A key's secret is shown only once, when the key is made; a listing never has it (a secret a server sent anyway reads as ***). Needs the Devapi View permission.</para>
    /// <example><code>Get-KasmApiKey</code><para>Lists the API keys.</para></example>
    /// <example><code>Get-KasmApiKey | Where-Object { $_.Expires -and $_.Expires -lt (Get-Date).ToUniversalTime() }</code><para>Lists the keys that have expired.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmApiKey")]
    [OutputType(typeof(KasmApiKey))]
    public sealed class GetKasmApiKeyCommand : KasmApiCmdlet
    {
        /// <summary>Key names to match; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmApiKeyNameCompleter))]
        public string[]? Name { get; set; }

        internal override Type[] PipedTypes => Type.EmptyTypes;

        /// <summary>Writes the API keys.</summary>
        protected override void ProcessItem() =>
            WriteMatching(c => c.GetApiKeys(Cancellation), Name, k => new[] { k.Name }, "API key");
    }
}
