using System;
using System.Management.Automation;
using System.Threading;
using Kasm.Client;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// What the cmdlets that act on one user share (Remove-KasmUser, Revoke-KasmUserLogin, Get-KasmUserLoginLink, Get- and
    /// Set-KasmUserAttribute): the user by id (bound from a piped user) or by name (in first position, resolved before
    /// anything is sent; it binds from a UserName column of piped rows, while a piped user binds by id); ShouldProcess per
    /// user where the cmdlet supports it, on the pipeline thread; the request from <see cref="Work"/>, sent through
    /// <see cref="KasmBulkCmdlet.Send{T}"/> (so each takes -ThrottleLimit).
    /// </summary>
    public abstract class KasmUserActionCmdlet : KasmBulkCmdlet
    {
        /// <summary>The user; binds from a piped user.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "ById")]
        [Alias("user_id")]
        public Guid UserId { get; set; }

        /// <summary>The user, by user name (exact match; an unknown name is an error before anything is sent); binds from a UserName property of piped rows (a piped user binds by its id).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = "ByUserName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmUserNameCompleter))]
        public string? UserName { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmUser) };

        /// <summary>What ShouldProcess names ("Delete Kasm user"); unused where the cmdlet does not support ShouldProcess.</summary>
        internal abstract string ActionText { get; }

        /// <summary>
        /// The request for one user, made on the pipeline thread after ShouldProcess (<paramref name="client"/> is for
        /// look-ups there; <paramref name="userName"/> is known when the user was named or piped). What it returns may
        /// run on a worker thread: it uses only the client and token it is given and what it captured, and returns the
        /// object (or list) to write, or null.
        /// </summary>
        internal abstract Func<KasmClient, CancellationToken, object?> Work(KasmClient client, Guid userId, string? userName);

        /// <summary>Checks what needs no server before the user is resolved; an error text refuses the item.</summary>
        internal virtual string? Refusal() => null;

        /// <summary>Resolves the user and asks ShouldProcess (pipeline thread), then sends the work.</summary>
        protected override void ProcessItem()
        {
            object target = (object?)UserName ?? UserId;
            string? refusal = Refusal();
            if (refusal != null)
            {
                WriteErrorInOrder(InvalidArgument(refusal, target));
                return;
            }
            Func<KasmClient, CancellationToken, object?>? work = null;
            bool ready = TryInOrder(target, () =>
            {
                var client = Client;
                Guid id = UserId;
                string? name = PipedUserName();
                if (UserName != null)
                {
                    var user = UserNamed(client, UserName);
                    (id, name) = (user.UserId, user.UserName);
                }
                if (!ShouldProcess(Targets.User(name, id), ActionText)) return;
                work = Work(client, id, name);
            });
            if (ready && work != null) Send(target, work, WriteResult);
        }

        /// <summary>The user name of a piped KasmUser, for messages and output.</summary>
        private string? PipedUserName() =>
            Piped<KasmUser>() is KasmUser piped && piped.UserId == UserId ? piped.UserName : null;
    }
}
