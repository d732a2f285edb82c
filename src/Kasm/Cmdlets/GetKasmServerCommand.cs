using System;
using System.Management.Automation;
using Kasm.Models;

using Kasm.Cmdlets.Completion;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets the servers sessions run on (get_servers).</para>
    /// <para type="description">Lists the Docker agents and fixed servers the key may see, or those whose host name or friendly name matches -Name (wildcards allowed; a name without wildcards that matches nothing is a KasmItemNotFound error). A key with only one of the two permissions sees only that kind. Stored connection passwords, private keys and passphrases are never shown: they read as ***. Needs the Agents View (for Docker agents) or Servers View (for fixed servers such as RDP desktops) permission.</para>
    /// <example><code>Get-KasmServer</code><para>Lists the agents and servers.</para></example>
    /// <example><code>Get-KasmServer -Name kasm-agent-* | Select-Object Hostname, OperationalStatus, Cores</code><para>Shows the state and cores of the Docker agents.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmServer")]
    [OutputType(typeof(KasmServer))]
    public sealed class GetKasmServerCommand : KasmApiCmdlet
    {
        /// <summary>Host names or friendly names to match; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmServerNameCompleter))]
        public string[]? Name { get; set; }

        internal override Type[] PipedTypes => Type.EmptyTypes;

        /// <summary>Writes the servers.</summary>
        protected override void ProcessItem() =>
            WriteMatching(c => c.GetServers(Cancellation), Name, s => new[] { s.Hostname, s.FriendlyName }, "server");
    }
}
