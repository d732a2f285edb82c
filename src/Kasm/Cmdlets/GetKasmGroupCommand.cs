using System;
using System.Management.Automation;
using Kasm.Models;

using Kasm.Cmdlets.Completion;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets user groups (get_groups).</para>
    /// <para type="description">Lists the groups the API key may view, or those whose name matches -Name (wildcards allowed; a name without wildcards that matches nothing is a KasmItemNotFound error). The built-in groups All Users and Administrators have IsSystem set. Needs the Groups View permission.</para>
    /// <example><code>Get-KasmGroup</code><para>Lists all groups.</para></example>
    /// <example><code>Get-KasmGroup -Name 'All Users' | Select-Object -ExpandProperty GroupId</code><para>Shows the id of the All Users group.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmGroup")]
    [OutputType(typeof(KasmGroup))]
    public sealed class GetKasmGroupCommand : KasmApiCmdlet
    {
        /// <summary>Names to match; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmGroupNameCompleter))]
        public string[]? Name { get; set; }

        internal override Type[] PipedTypes => Type.EmptyTypes;

        /// <summary>Writes the matching groups.</summary>
        protected override void ProcessItem() =>
            WriteMatching(c => c.GetGroups(Cancellation), Name, g => new[] { g.Name }, "group");
    }
}
