using System;
using System.Management.Automation;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets one session's current state from its server (get_kasm_status).</para>
    /// <para type="description">Asks Kasm where the session stands now. A running session comes back whole, with a fresh login link (KasmUrl and SessionToken are credentials and stay out of the default view). A session that is not running (requested, provisioning, starting, pausing, paused, stopping, stopped, deleting, ...) is not an error: it comes back as a KasmSession with its KasmId, UserId, Status, OperationalMessage and OperationalProgress. Where the answer cannot tell "starting" from a refusal (Kasm 1.15 answers both with only a message), the session lists say which. get_kasm_status needs the owner's user id: a piped session brings it, and without -UserId the owner is looked up with get_kasm (Sessions View). The key needs User and Users Auth Session. A session Kasm no longer knows is KasmItemNotFound. UserName is filled from a piped session, or from the owner look-up (get_kasm) when the owner is not given, with no extra request.</para>
    /// <example><code>$s = New-KasmSession -ImageName Chrome -UserName user@kasm.local; Get-KasmSessionStatus -KasmId $s.KasmId -UserId $s.UserId | Format-List Status, OperationalMessage, OperationalProgress</code><para>Starts a session and shows how far it has got.</para></example>
    /// <example><code>Get-KasmSession | Get-KasmSessionStatus</code><para>Asks each live session's server for its state.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmSessionStatus")]
    [OutputType(typeof(KasmSession))]
    public sealed class GetKasmSessionStatusCommand : KasmApiCmdlet
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

        internal override Type[] PipedTypes => new[] { typeof(KasmSession) };

        /// <summary>Writes the session's state.</summary>
        protected override void ProcessItem()
        {
            // The owner's name, when a piped session of this id brings it (else the owner look-up names it, if one is made).
            var piped = Piped<KasmSession>();
            string? userName = piped != null && piped.KasmId == KasmId && (!UserId.HasValue || piped.UserId == UserId) ? piped.UserName : null;
            Try(KasmId, () => WriteObject(Client.GetSessionState(KasmId, UserId, Cancellation, userName)));
        }
    }
}
