using System.Management.Automation;
using Kasm.Client;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Forgets a Kasm connection and closes its HTTP client.</para>
    /// <para type="description">Without -Connection it closes the default connection of this session; the most recent remaining connection becomes the default. Objects that still refer to a closed connection fail with KasmNotConnected. Disconnecting when nothing is connected, or a connection a second time, does nothing (a Verbose line says so).</para>
    /// <example><code>Disconnect-Kasm</code><para>Closes the default connection.</para></example>
    /// <example><code>Get-KasmConnection -All | Disconnect-Kasm</code><para>Closes every connection of this session.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "Kasm")]
    [OutputType(typeof(void))]
    public sealed class DisconnectKasmCommand : KasmCmdlet
    {
        /// <summary>The connection to close. Default: this session's default connection.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true)]
        public KasmConnection? Connection { get; set; }

        /// <summary>Closes the given or the default connection.</summary>
        protected override void ProcessRecord()
        {
            var connection = Connection ?? ConnectionStore.Default;
            // Disconnecting twice is not an error: the goal (no connection) is met, as with closing a closed file.
            if (connection == null)
            {
                WriteVerbose("There is no Kasm connection to disconnect.");
                return;
            }
            if (!connection.IsConnected)
            {
                WriteVerbose($"{connection} is already disconnected.");
                return;
            }
            ConnectionStore.Remove(connection);
            Completion.CompletionCache.Forget(connection);
            connection.Dispose();
            WriteVerbose($"Disconnected from {connection}.");
        }
    }
}
