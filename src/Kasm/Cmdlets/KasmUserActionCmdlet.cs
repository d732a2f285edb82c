using System;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// What the cmdlets that act on one user share (Remove-KasmUser, Revoke-KasmUserLogin, Get-KasmUserLoginLink, Get- and
    /// Set-KasmUserAttribute): the user by id (bound from a piped user) or by name (in first position, resolved before
    /// anything is sent); ShouldProcess per user where the cmdlet supports it; the work in <see cref="Act"/>.
    /// </summary>
    public abstract class KasmUserActionCmdlet : KasmApiCmdlet
    {
        /// <summary>The user; binds from a piped user.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "ById")]
        [Alias("user_id")]
        public Guid UserId { get; set; }

        /// <summary>The user, by user name (exact match; an unknown name is an error before anything is sent).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ByUserName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmUserNameCompleter))]
        public string? UserName { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmUser) };

        /// <summary>What ShouldProcess names ("Delete Kasm user"); unused where the cmdlet does not support ShouldProcess.</summary>
        internal abstract string ActionText { get; }

        /// <summary>The work for one user; <paramref name="userName"/> is known when the user was named or piped.</summary>
        internal abstract void Act(KasmClient client, Guid userId, string? userName);

        /// <summary>Checks what needs no server before the user is resolved; an error text refuses the item.</summary>
        internal virtual string? Refusal() => null;

        /// <summary>Resolves the user, asks ShouldProcess, acts.</summary>
        protected override void ProcessItem()
        {
            object target = (object?)UserName ?? UserId;
            string? refusal = Refusal();
            if (refusal != null)
            {
                WriteError(InvalidArgument(refusal, target));
                return;
            }
            Try(target, () =>
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
                Act(client, id, name);
            });
        }

        /// <summary>The user name of a piped KasmUser, for messages and output.</summary>
        private string? PipedUserName() =>
            Piped<KasmUser>() is KasmUser piped && piped.UserId == UserId ? piped.UserName : null;
    }
}
