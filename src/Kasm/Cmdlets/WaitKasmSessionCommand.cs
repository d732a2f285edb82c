using System;
using System.Management.Automation;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Waits until a session runs (get_kasm_status), and outputs it.</para>
    /// <para type="description">Polls get_kasm_status, as New-KasmSession -Wait does, until the session runs (showing progress) or -TimeoutSec passes (KasmTimeout; the session may still start). It fails at once with KasmSessionNotStarting when the session is gone, paused, stopped, pausing, stopping or being deleted: those do not go on to running by themselves. The running session carries the newest login link (KasmUrl and SessionToken, credentials kept out of the default view). get_kasm_status needs the owner's user id: a piped session brings it, and without -UserId the owner is looked up with get_kasm (Sessions View). The key needs User and Users Auth Session.</para>
    /// <example><code>$s = New-KasmSession -ImageName Chrome -UserName user@kasm.local; $s | Wait-KasmSession -TimeoutSec 60</code><para>Starts a session without waiting, then waits for it.</para></example>
    /// <example><code>Get-KasmSession | Where-Object Status -ne 'running' | Wait-KasmSession -ErrorAction Continue</code><para>Waits for every session that is still starting; one that will not start is an error for that session only.</para></example>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Wait, "KasmSession")]
    [OutputType(typeof(KasmSession))]
    public sealed class WaitKasmSessionCommand : KasmApiCmdlet
    {
        /// <summary>The session; binds from a piped session.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("SessionId", "kasm_id")]
        [ArgumentCompleter(typeof(KasmSessionIdCompleter))]
        public Guid KasmId { get; set; }

        /// <summary>The session's owner; looked up with get_kasm (Sessions View) when not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("user_id")]
        public Guid? UserId { get; set; }

        /// <summary>How long to wait, in seconds (default 300).</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int TimeoutSec { get; set; } = 300;

        /// <summary>Seconds between polls (default 1).</summary>
        [Parameter]
        [ValidateRange(0.05, 60)]
        public double PollIntervalSec { get; set; } = 1;

        internal override Type[] PipedTypes => new[] { typeof(KasmSession) };

        /// <summary>Waits for one session.</summary>
        protected override void ProcessItem()
        {
            var record = new ProgressRecord(1, "Waiting for Kasm session", $"Session {KasmId}");
            try
            {
                Try(KasmId, () => WriteObject(Client.WaitForSession(KasmId, UserId, TimeSpan.FromSeconds(TimeoutSec), TimeSpan.FromSeconds(PollIntervalSec), p =>
                {
                    record.StatusDescription = p.Message ?? $"Session {KasmId}: {p.Status}";
                    record.CurrentOperation = p.Status;
                    if (p.Percent is int percent) record.PercentComplete = Math.Max(0, Math.Min(100, percent));
                    WriteProgress(record);
                }, Cancellation)));
            }
            finally
            {
                record.RecordType = ProgressRecordType.Completed;
                WriteProgress(record);
            }
        }
    }
}
