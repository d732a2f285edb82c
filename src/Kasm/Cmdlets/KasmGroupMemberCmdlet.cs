using System;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// What Add- and Remove-KasmGroupMember share: a group (by id, bound from a piped group, or by -GroupName) and a user
    /// (by id, bound from a piped user, or by -UserName); exactly one of each, checked before anything is sent.
    /// </summary>
    public abstract class KasmGroupMemberCmdlet : KasmApiCmdlet
    {
        /// <summary>The group; binds from a piped group.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("group_id")]
        public Guid? GroupId { get; set; }

        /// <summary>The group, by name (exact match; an unknown name is an error before anything is sent).</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmGroupNameCompleter))]
        public string? GroupName { get; set; }

        /// <summary>The user; binds from a piped user.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("user_id")]
        public Guid? UserId { get; set; }

        /// <summary>The user, by name (exact match; an unknown name is an error before anything is sent).</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmUserNameCompleter))]
        public string? UserName { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmGroup), typeof(KasmUser) };

        /// <summary>True to add, false to remove.</summary>
        internal abstract bool Adds { get; }

        /// <summary>Resolves both names, asks ShouldProcess, changes the membership.</summary>
        protected override void ProcessItem()
        {
            object? target = (object?)UserName ?? (object?)UserId ?? (object?)GroupName ?? GroupId;
            if ((GroupId.HasValue ? 1 : 0) + (GroupName != null ? 1 : 0) != 1 || (UserId.HasValue ? 1 : 0) + (UserName != null ? 1 : 0) != 1)
            {
                WriteError(InvalidArgument("Give one group (-GroupId, -GroupName or a piped group) and one user (-UserId, -UserName or a piped user).", target));
                return;
            }
            Try(target, () =>
            {
                var client = Client;
                Guid groupId = GroupName != null ? GroupNamed(client, GroupName).GroupId : GroupId!.Value;
                Guid userId = UserName != null ? UserNamed(client, UserName).UserId : UserId!.Value;
                string what = $"{Targets.User(UserName ?? (Piped<KasmUser>() is KasmUser u && u.UserId == userId ? u.UserName : null), userId)} {(Adds ? "to" : "from")} {Targets.Group(GroupName ?? (Piped<KasmGroup>() is KasmGroup g && g.GroupId == groupId ? g.Name : null), groupId)}";
                if (!ShouldProcess(what, Adds ? "Add Kasm group member" : "Remove Kasm group member")) return;
                client.ChangeGroupMembership(groupId, userId, Adds, Cancellation);
            });
        }
    }
}
