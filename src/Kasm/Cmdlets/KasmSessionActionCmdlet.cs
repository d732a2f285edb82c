using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using Kasm.Client;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// What Suspend-, Resume-, Stop-KasmSession and Enable-, Disable-KasmSessionSharing share: one session by id (its owner piped along, or looked up), or
    /// every live session of a user by name; ShouldProcess per session on the pipeline thread; the request from <see cref="Work"/>, sent through
    /// <see cref="KasmBulkCmdlet.Send{T}"/> (so each takes -ThrottleLimit).
    /// </summary>
    public abstract class KasmSessionActionCmdlet : KasmBulkCmdlet
    {
        /// <summary>The session; binds from a piped session.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = "ById")]
        [Alias("SessionId", "kasm_id")]
        [ArgumentCompleter(typeof(KasmSessionIdCompleter))]
        public Guid KasmId { get; set; }

        /// <summary>The session's owner; looked up with get_kasm (Sessions View) when not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = "ById")]
        [Alias("user_id", "OwnerId")]
        public Guid? UserId { get; set; }

        /// <summary>Every live session of the user with this name (each asks for confirmation); an unknown name is an error before anything is sent.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "ByUserName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmUserNameCompleter))]
        public string? UserName { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmSession) };

        /// <summary>What ShouldProcess names: "Pause Kasm session".</summary>
        internal abstract string ActionText { get; }

        /// <summary>
        /// The request for one session, made on the pipeline thread: what it returns may run on a worker thread, so it
        /// uses only the client and token it is given and what it captured; it returns the object to write, or null.
        /// </summary>
        internal abstract Func<KasmClient, CancellationToken, object?> Work(Guid kasmId, Guid? userId);

        /// <summary>Acts on one session, or on each of a user's sessions.</summary>
        protected override void ProcessItem()
        {
            if (UserName == null)
            {
                if (!ShouldProcess(SessionTarget(KasmId), ActionText)) return;
                Send(KasmId, Work(KasmId, UserId), WriteResult);
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
                if (!ShouldProcess(Targets.Session(session.KasmId, session.UserName ?? UserName, session.ImageName), ActionText)) continue;
                Send(session.KasmId, Work(session.KasmId, session.UserId), WriteResult);
            }
        }
    }
}
