using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Models;

using Kasm.Cmdlets.Completion;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Ends a session (destroy_kasm).</para>
    /// <para type="description">Kasm deletes the session in the background; the id is rejected once it is gone. destroy_kasm needs the session's owner (user_id) on every Kasm version, whatever permissions the key holds: a piped session brings its owner, and without -UserId the cmdlet looks the owner up first with get_kasm (which needs Sessions View), then destroys. The key needs User and Users Auth Session, and Sessions Delete to end other users' sessions. A destroy that meets a transient network fault is sent again, which Kasm accepts. Because this ends a user's work it asks for confirmation by default: use -Confirm:$false in scripts.</para>
    /// <example><code>Get-KasmSession | Where-Object UserName -eq 'user@kasm.local' | Remove-KasmSession -Confirm:$false</code><para>Ends all of a user's sessions without asking.</para></example>
    /// <example><code>$s = New-KasmSession -ImageName Chrome -UserName user@kasm.local; Remove-KasmSession -KasmId $s.KasmId -UserId $s.UserId -WhatIf</code><para>Shows what would be ended.</para></example>
    /// <example><code>$id = (New-KasmSession -ImageName Chrome -UserName user@kasm.local).KasmId; Remove-KasmSession -KasmId $id -Confirm:$false</code><para>Ends a session known only by its id: the owner is looked up first.</para></example>
    /// <example><code>Remove-KasmSession -UserName user@kasm.local -Confirm:$false</code><para>Ends all of a user's sessions.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "KasmSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "ById")]
    [OutputType(typeof(void))]
    public sealed class RemoveKasmSessionCommand : KasmBulkCmdlet
    {
        /// <summary>The session to end; binds from a piped session.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = "ById")]
        [Alias("SessionId", "kasm_id")]
        [ArgumentCompleter(typeof(KasmSessionIdCompleter))]
        public Guid KasmId { get; set; }

        /// <summary>The session's owner; looked up with get_kasm when not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = "ById")]
        [Alias("user_id")]
        public Guid? UserId { get; set; }

        /// <summary>Ends every live session of the user with this name (each asks for confirmation); an unknown name is an error before anything is ended.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "ByUserName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmUserNameCompleter))]
        public string? UserName { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmSession) };

        /// <summary>Ends one session, or each of a user's sessions.</summary>
        protected override void ProcessItem()
        {
            if (UserName == null)
            {
                // The names come from a piped session; an id on the command line is shown as it was given.
                var piped = Piped<KasmSession>();
                if (piped != null && piped.KasmId != KasmId) piped = null;
                if (!ShouldProcess(Targets.Session(KasmId, piped?.UserName, piped?.ImageName), "End Kasm session")) return;
                Guid kasmId = KasmId;
                Guid? userId = UserId;
                Send(kasmId, (c, cancel) => c.DestroySession(kasmId, userId, cancel));
                return;
            }
            List<KasmSession>? theirs = null;
            bool listed = TryInOrder(UserName, () =>
            {
                var client = Client;
                var user = UserNamed(client, UserName);
                theirs = ListOnce(client, c => c.GetSessions(Cancellation)).Where(s => s.UserId == user.UserId).ToList();
            });
            if (!listed) return;
            foreach (var session in theirs!)
            {
                if (!ShouldProcess(Targets.Session(session.KasmId, session.UserName ?? UserName, session.ImageName), "End Kasm session")) continue;
                Send(session.KasmId, (c, cancel) => c.DestroySession(session.KasmId, session.UserId, cancel));
            }
        }
    }
}
