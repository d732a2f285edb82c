using System;
using System.Management.Automation;
using Kasm.Models;

using Kasm.Cmdlets.Completion;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets deployment zones (get_zones).</para>
    /// <para type="description">Lists the zones, or those whose name matches -Name (wildcards allowed; a name without wildcards that matches nothing is a KasmItemNotFound error), with the sessions in each and the cores, memory and GPUs still free. The servers of a zone are not listed here (the request asks for the brief form): Get-KasmServer lists them. Needs the Zones View permission.</para>
    /// <example><code>Get-KasmZone</code><para>Lists the zones and their free capacity.</para></example>
    /// <example><code>Get-KasmZone -Name default | Select-Object Name, SessionCount, AvailableCores</code><para>Shows how many sessions the default zone has and how many cores are free.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmZone")]
    [OutputType(typeof(KasmZone))]
    public sealed class GetKasmZoneCommand : KasmApiCmdlet
    {
        /// <summary>Zone names to match; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmZoneNameCompleter))]
        public string[]? Name { get; set; }

        internal override Type[] PipedTypes => Type.EmptyTypes;

        /// <summary>Writes the zones.</summary>
        protected override void ProcessItem() =>
            WriteMatching(c => c.GetZones(Cancellation), Name, z => new[] { z.Name }, "zone");
    }
}
