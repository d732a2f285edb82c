using System.Management.Automation;
using Kasm.Client;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Shows the Kasm connection this session uses by default, or all of them.</para>
    /// <para type="description">The connection object shows the server, the API key, the TLS and retry settings and the server version. It never holds the secret in a visible property.</para>
    /// <example><code>Get-KasmConnection</code><para>Shows the default connection.</para></example>
    /// <example><code>Get-KasmConnection -All | Format-List *</code><para>Shows every connection of this session in full.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmConnection")]
    [OutputType(typeof(KasmConnection))]
    public sealed class GetKasmConnectionCommand : KasmCmdlet
    {
        /// <summary>Lists every connection made in this session, the default last.</summary>
        [Parameter]
        public SwitchParameter All { get; set; }

        /// <summary>Writes the connection(s).</summary>
        protected override void EndProcessing()
        {
            if (All)
            {
                foreach (var c in ConnectionStore.All) WriteObject(c);
                return;
            }
            var connection = ConnectionStore.Default;
            if (connection == null)
                WriteError(new KasmApiException(KasmErrorId.NotConnected, "There is no Kasm connection. Run Connect-Kasm first.").ToErrorRecord(null));
            else
                WriteObject(connection);
        }
    }
}
