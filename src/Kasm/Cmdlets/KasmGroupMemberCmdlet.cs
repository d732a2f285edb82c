using System;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// What Add- and Remove-KasmGroupMember share: a group (by id, bound from a piped group, or by -GroupName) and a user
    /// (by id, bound from a piped user, or by -UserName, which also binds from a UserName column of piped rows); exactly one
    /// of each, checked before anything is sent. Names are resolved and ShouldProcess asked on the pipeline thread; the
    /// change goes through <see cref="KasmBulkCmdlet.Send{T}"/> (-ThrottleLimit).
    /// </summary>
    public abstract class KasmGroupMemberCmdlet : KasmBulkCmdlet
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

        /// <summary>The user, by name (exact match; an unknown name is an error before anything is sent); binds from a UserName property of piped rows (a piped user binds by its id).</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmUserNameCompleter))]
        public string? UserName { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmGroup), typeof(KasmUser) };

        /// <summary>True to add, false to remove.</summary>
        internal abstract bool Adds { get; }

        /// <summary>Resolves both names, asks ShouldProcess, changes the membership.</summary>
        protected override void ProcessItem()
        {
            // A piped user (or a row with both columns) brings its id and its name: the id is the user, and the name only
            // names it. A name piped next to an id given on the command line is still two users.
            string? userName = UserName != null && UserId.HasValue && !IsOnCommandLine(nameof(UserName)) && !IsOnCommandLine(nameof(UserId)) ? null : UserName;
            object? target = (object?)userName ?? (object?)UserId ?? (object?)GroupName ?? GroupId;
            if ((GroupId.HasValue ? 1 : 0) + (GroupName != null ? 1 : 0) != 1 || (UserId.HasValue ? 1 : 0) + (userName != null ? 1 : 0) != 1)
            {
                WriteErrorInOrder(InvalidArgument("Give one group (-GroupId, -GroupName or a piped group) and one user (-UserId, -UserName or a piped user).", target));
                return;
            }
            bool adds = Adds, ready = false;
            Guid groupId = Guid.Empty, userId = Guid.Empty;
            bool resolved = TryInOrder(target, () =>
            {
                var client = Client;
                groupId = GroupName != null ? GroupNamed(client, GroupName).GroupId : GroupId!.Value;
                userId = userName != null ? UserNamed(client, userName).UserId : UserId!.Value;
                string what = $"{Targets.User(userName ?? (Piped<KasmUser>() is KasmUser u && u.UserId == userId ? u.UserName : UserName), userId)} {(adds ? "to" : "from")} {Targets.Group(GroupName ?? (Piped<KasmGroup>() is KasmGroup g && g.GroupId == groupId ? g.Name : null), groupId)}";
                ready = ShouldProcess(what, adds ? "Add Kasm group member" : "Remove Kasm group member");
            });
            if (!resolved || !ready) return;
            (Guid group, Guid user) = (groupId, userId);
            Send(target, (c, cancel) => c.ChangeGroupMembership(group, user, adds, cancel));
        }
    }
}
