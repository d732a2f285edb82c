using System;
using System.Linq;
using System.Management.Automation;
using System.Security;
using Kasm.Models;

using Kasm.Cmdlets.Completion;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Changes a Kasm user (update_user).</para>
    /// <para type="description">Sends only the parameters you give. The API also needs the user name; a piped user brings it, and otherwise it is looked up (after confirmation; with -WhatIf nothing is changed, and only a user given by name is looked up). Setting a password also unlocks the user and logs them out everywhere. -Locked:$false unlocks, -Disabled:$false enables.</para>
    /// <example><code>Get-KasmUser user@kasm.local | Set-KasmUser -Organization Ops</code><para>Changes one field of a user.</para></example>
    /// <example><code>$id = (Get-KasmUser user@kasm.local).UserId; Set-KasmUser -UserId $id -Locked:$false -PassThru</code><para>Unlocks a user and shows the result.</para></example>
    /// <example><code>Set-KasmUser user@kasm.local -Organization Ops</code><para>Changes a user named on the command line.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "KasmUser", SupportsShouldProcess = true, DefaultParameterSetName = "ById")]
    [OutputType(typeof(KasmUser))]
    public sealed class SetKasmUserCommand : KasmBulkCmdlet
    {
        /// <summary>The user to change; binds from a piped user.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "ById")]
        [Alias("user_id")]
        public Guid UserId { get; set; }

        /// <summary>The user's login name. Binds from a piped user; give a different one to rename.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = "ById")]
        [Parameter(ParameterSetName = "ByIdentity")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmUserNameCompleter))]
        public string? UserName { get; set; }

        /// <summary>The user to change, by user name or id, in first position (exact match; an unknown name is an error before anything is sent).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ByIdentity")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmUserNameCompleter))]
        public string? Identity { get; set; }

        /// <summary>A new password.</summary>
        [Parameter]
        [ApiField("password")]
        public SecureString? Password { get; set; }

        /// <summary>First name.</summary>
        [Parameter]
        [ApiField("first_name")]
        public string? FirstName { get; set; }

        /// <summary>Last name.</summary>
        [Parameter]
        [ApiField("last_name")]
        public string? LastName { get; set; }

        /// <summary>Organization.</summary>
        [Parameter]
        [ApiField("organization")]
        public string? Organization { get; set; }

        /// <summary>Phone number.</summary>
        [Parameter]
        [ApiField("phone")]
        public string? Phone { get; set; }

        /// <summary>Notes.</summary>
        [Parameter]
        [ApiField("notes")]
        [MultiLine]
        public string? Notes { get; set; }

        /// <summary>Locks the user out (-Locked:$false unlocks).</summary>
        [Parameter]
        [ApiField("locked")]
        public SwitchParameter Locked { get; set; }

        /// <summary>Disables the user (-Disabled:$false enables).</summary>
        [Parameter]
        [ApiField("disabled")]
        public SwitchParameter Disabled { get; set; }

        /// <summary>Returns the updated user.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmUser) };

        /// <summary>Updates one user.</summary>
        protected override void ProcessItem()
        {
            var changes = BoundFields();
            if (changes.Count == 0)
            {
                WriteErrorInOrder(InvalidArgument("Nothing to change: give at least one setting, such as -Organization or -Locked.", (object?)Identity ?? UserId));
                return;
            }
            Guid userId = UserId;
            string? userName = UserName, current = null;
            // The first position takes a name or an id.
            if (Identity != null && !TryInOrder(Identity, () =>
            {
                var (id, name) = UserOf(Client, Identity);
                userId = id;
                current = name;
                userName ??= name;
            })) return;
            // The target names the user as they are now: from a piped user or the name lookup (-UserName may be a
            // new name); an id alone on the command line is shown as given.
            var piped = Piped<KasmUser>();
            current ??= piped != null && piped.UserId == userId ? piped.UserName : null;
            if (!ShouldProcess(Targets.User(current, userId), $"Set {DescribeFields(changes)}")) return;
            bool passThru = PassThru;
            Send(userName ?? Identity ?? (object)userId, (c, cancel) => c.UpdateUser(userId, userName, changes, cancel), user => { if (passThru) WriteObject(user); });
        }
    }
}
