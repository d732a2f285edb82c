using System;
using System.Management.Automation;
using Kasm.Models;

using Kasm.Cmdlets.Completion;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets the global server settings (get_settings).</para>
    /// <para type="description">Lists the global settings, or those whose name matches -Name (wildcards allowed; a name without wildcards that matches nothing is a KasmItemNotFound error), with their category, type and value as the server stores it (text). The value of a setting whose name marks a secret (password, token, secret) reads as ***. Needs the Settings View permission.</para>
    /// <example><code>Get-KasmSetting</code><para>Lists the global settings.</para></example>
    /// <example><code>Get-KasmSetting -Name session_lifetime | Select-Object -ExpandProperty Value</code><para>Shows how many seconds a login stays valid.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmSetting")]
    [OutputType(typeof(KasmSetting))]
    public sealed class GetKasmSettingCommand : KasmApiCmdlet
    {
        /// <summary>Setting names to match; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmSettingNameCompleter))]
        public string[]? Name { get; set; }

        internal override Type[] PipedTypes => Type.EmptyTypes;

        /// <summary>Writes the settings.</summary>
        protected override void ProcessItem() =>
            WriteMatching(c => c.GetSettings(Cancellation), Name, s => new[] { s.Name }, "setting");
    }
}
