using System;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Changes a user's attributes: default workspace, SSH public key, preferences (update_user_attributes).</para>
    /// <para type="description">Sends only the attributes you give; the rest stay as they are. -DefaultImageName is resolved to the workspace's id before anything is sent (an unknown name is an error); -ClearDefaultImage removes the default. Needs Users Modify (and Users Modify Admin for an administrator). Kasm lets read-only keys call it, although it changes the user. Outputs nothing unless -PassThru (which reads the attributes back with get_attributes).</para>
    /// <example><code>Set-KasmUserAttribute user@kasm.local -DefaultImageName Chrome -Theme Dark -Confirm:$false -PassThru</code><para>Gives a user a default workspace and the dark theme, and shows the result.</para></example>
    /// <example><code>Get-KasmUser -UserName user@kasm.local | Set-KasmUserAttribute -SshPublicKey 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExample user@laptop' -Confirm:$false</code><para>Sets the SSH public key put into the user's sessions.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "KasmUserAttribute", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "ById")]
    [OutputType(typeof(KasmUserAttributes))]
    public sealed class SetKasmUserAttributeCommand : KasmUserActionCmdlet
    {
        /// <summary>The user's default_image (the workspace they start with), by id.</summary>
        [Parameter]
        public Guid? DefaultImageId { get; set; }

        /// <summary>The user's default_image (the workspace they start with), by name (exact friendly or Docker name; an unknown name is an error before anything is sent).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmImageNameCompleter))]
        public string? DefaultImageName { get; set; }

        /// <summary>Removes the default workspace.</summary>
        [Parameter]
        public SwitchParameter ClearDefaultImage { get; set; }

        /// <summary>The SSH public key put into the user's sessions (one line, such as 'ssh-ed25519 AAAA... user@host').</summary>
        [Parameter]
        [ApiField("ssh_public_key")]
        public string? SshPublicKey { get; set; }

        /// <summary>The web UI theme: Light or Dark.</summary>
        [Parameter]
        [ValidateSet("Light", "Dark")]
        [ApiField("theme")]
        public string? Theme { get; set; }

        /// <summary>Shows tips in the web UI (-ShowTips:$false hides them).</summary>
        [Parameter]
        [ApiField("show_tips")]
        public SwitchParameter ShowTips { get; set; }

        /// <summary>Starts the default workspace at login.</summary>
        [Parameter]
        [ApiField("auto_login_kasm")]
        public SwitchParameter AutoLoginKasm { get; set; }

        /// <summary>Shows the session control panel toggle.</summary>
        [Parameter]
        [ApiField("toggle_control_panel")]
        public SwitchParameter ToggleControlPanel { get; set; }

        /// <summary>Chat sound effects.</summary>
        [Parameter]
        [ApiField("chat_sfx")]
        public SwitchParameter ChatSfx { get; set; }

        /// <summary>The session language, such as en_US.UTF-8, or Auto (from the browser).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ApiField("preferred_language")]
        public string? PreferredLanguage { get; set; }

        /// <summary>The session time zone, such as Etc/UTC, or Auto (from the browser).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ApiField("preferred_timezone")]
        public string? PreferredTimezone { get; set; }

        /// <summary>Outputs the attributes afterwards (get_attributes).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override string ActionText => "Change Kasm user attributes";

        internal override string? Refusal()
        {
            int defaults = (DefaultImageId.HasValue ? 1 : 0) + (DefaultImageName != null ? 1 : 0) + (ClearDefaultImage ? 1 : 0);
            if (defaults > 1) return "Give one of -DefaultImageId, -DefaultImageName and -ClearDefaultImage.";
            if (defaults == 0 && BoundFields().Count == 0) return "Nothing to change: give at least one attribute.";
            return null;
        }

        internal override Func<KasmClient, System.Threading.CancellationToken, object?> Work(KasmClient client, Guid userId, string? userName)
        {
            var fields = BoundFields();
            if (DefaultImageId.HasValue) fields["default_image"] = DefaultImageId.Value;
            if (DefaultImageName != null) fields["default_image"] = ImageNamed(client, DefaultImageName).ImageId;
            string[]? cleared = ClearDefaultImage ? new[] { "default_image" } : null;
            bool passThru = PassThru;
            return (c, cancel) =>
            {
                c.UpdateUserAttributes(userId, fields, cleared, cancel);
                return passThru ? c.GetUserAttributes(userId, cancel) : null;
            };
        }
    }
}
