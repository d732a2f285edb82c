using System;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// What Grant- and Revoke-KasmSessionPermission share: a session, and a user by id or name, or -AllUsers. A piped
    /// session's UserId is its owner, so with a piped session the user must be given on the command line.
    /// </summary>
    public abstract class KasmSessionPermissionCmdlet : KasmBulkCmdlet
    {
        /// <summary>The session; binds from a piped session or permission.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("SessionId", "kasm_id")]
        [ArgumentCompleter(typeof(KasmSessionIdCompleter))]
        public Guid KasmId { get; set; }

        /// <summary>The user; binds from a piped permission or user.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "ById")]
        [Alias("user_id")]
        public Guid UserId { get; set; }

        /// <summary>The user, by name (exact match; an unknown name is an error before anything is sent).</summary>
        [Parameter(Mandatory = true, ParameterSetName = "ByUserName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmUserNameCompleter))]
        public string? UserName { get; set; }

        /// <summary>Every user who holds a permission on the session.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "AllUsers")]
        public SwitchParameter AllUsers { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmSession), typeof(KasmSessionPermission), typeof(KasmUser) };

        /// <summary>What ShouldProcess names: "Grant View on Kasm session".</summary>
        internal abstract string ActionText { get; }

        /// <summary>The request for one session and user (null: all users); runs on a worker thread.</summary>
        internal abstract Func<KasmClient, System.Threading.CancellationToken, object?> Work(Guid kasmId, Guid? userId);

        /// <summary>Resolves the user, asks, and sends.</summary>
        protected override void ProcessItem()
        {
            Guid kasmId = KasmId;
            Guid? userId = null;
            string? shownUser = null;
            bool ready = false;
            bool resolved = TryInOrder((object?)UserName ?? kasmId, () =>
            {
                if (ParameterSetName == "ById")
                {
                    if (Piped<KasmSession>() != null && !IsOnCommandLine(nameof(UserId)))
                        throw new ArgumentException("A piped session's UserId is its owner: give the user with -UserId or -UserName, or use -AllUsers.");
                    if (UserId == Guid.Empty) throw new ArgumentException("The user id is empty.");
                    userId = UserId;
                    shownUser = Piped<KasmSessionPermission>() is KasmSessionPermission p && p.UserId == UserId ? p.UserName : null;
                }
                else if (ParameterSetName == "ByUserName")
                {
                    var user = UserNamed(Client, UserName!);
                    userId = user.UserId;
                    shownUser = user.UserName;
                }
                string who = userId is { } u ? Targets.User(shownUser, u) : "all users";
                ready = ShouldProcess($"{SessionTarget(kasmId)}, {who}", ActionText);
            });
            if (!resolved || !ready) return;
            Send(kasmId, Work(kasmId, userId), WriteResult);
        }
    }
}
