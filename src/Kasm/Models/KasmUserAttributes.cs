using System;

namespace Kasm.Models
{
    /// <summary>A user's preferences (get_attributes): default workspace, SSH public key, theme, language, ...</summary>
    public sealed class KasmUserAttributes : KasmObject
    {
        /// <summary>The user.</summary>
        public Guid UserId { get; set; }
        /// <summary>The attributes record's id.</summary>
        public Guid? UserAttributesId { get; set; }
        /// <summary>The workspace a session starts with when none is named (request_kasm without image_id).</summary>
        [KasmField("default_image")]
        public Guid? DefaultImageId { get; set; }
        /// <summary>Shows tips in the web UI.</summary>
        public bool? ShowTips { get; set; }
        /// <summary>Starts the default workspace at login.</summary>
        public bool? AutoLoginKasm { get; set; }
        /// <summary>Shows the session's control panel toggle.</summary>
        public bool? ToggleControlPanel { get; set; }
        /// <summary>The web UI theme (Light, Dark).</summary>
        public string? Theme { get; set; }
        /// <summary>Chat sound effects.</summary>
        public bool? ChatSfx { get; set; }
        /// <summary>The SSH public key Kasm puts into the user's sessions.</summary>
        public string? SshPublicKey { get; set; }
        /// <summary>The session language (Auto: from the browser).</summary>
        public string? PreferredLanguage { get; set; }
        /// <summary>The session time zone (Auto: from the browser).</summary>
        public string? PreferredTimezone { get; set; }

        /// <summary>The user.</summary>
        public override string ToString() => UserId.ToString();
    }
}
