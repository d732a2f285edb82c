using System;
using System.Management.Automation;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Keeps a session from expiring (keepalive).</para>
    /// <para type="description">Moves the session's expiry on by its group's keepalive time, as a connected browser does. When Kasm does not extend it (the user's usage budget is spent, or a session time limit applies) the cmdlet writes a warning for that session. Needs Sessions Modify on Kasm 1.15 (Kasm's docs say User and Users Auth Session); read-only keys may call it. A session being deleted is an error for that session. Outputs nothing unless -PassThru.</para>
    /// <example><code>$s = New-KasmSession -ImageName Terminal -UserName user@kasm.local -Wait; $s | Send-KasmSessionKeepalive -Confirm:$false</code><para>Keeps a session alive.</para></example>
    /// <example><code>Get-KasmSession -UserName user@kasm.local | Send-KasmSessionKeepalive -Confirm:$false -PassThru | Format-Table KasmId, ExpirationDate</code><para>Keeps all of a user's sessions alive and shows their new expiry.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommunications.Send, "KasmSessionKeepalive", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(KasmSession))]
    public sealed class SendKasmSessionKeepaliveCommand : KasmBulkCmdlet
    {
        /// <summary>The session; binds from a piped session.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("SessionId", "kasm_id")]
        [ArgumentCompleter(typeof(KasmSessionIdCompleter))]
        public Guid KasmId { get; set; }

        /// <summary>Outputs the session afterwards, as the session lists show it (get_kasms, Sessions View).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmSession) };

        /// <summary>Sends one keepalive.</summary>
        protected override void ProcessItem()
        {
            if (!ShouldProcess(SessionTarget(KasmId), "Extend Kasm session expiry")) return;
            Guid kasmId = KasmId;
            bool passThru = PassThru;
            Send(kasmId, (c, cancel) =>
            {
                bool extended = c.KeepSessionAlive(kasmId, cancel);
                return (Extended: extended, Session: passThru ? c.GetSession(kasmId, cancel) : (KasmSession?)null);
            }, done =>
            {
                if (!done.Extended)
                    WriteWarning($"Kasm did not extend session {kasmId}: the user's usage budget is spent, or a session time limit applies.");
                if (done.Session != null) WriteObject(done.Session);
            });
        }
    }
}
