using System;

namespace Kasm.Models
{
    /// <summary>What a session permission lets a user do in someone else's session.</summary>
    [Flags]
    public enum KasmSessionAccess
    {
        /// <summary>Nothing Kasm's access letters name.</summary>
        None = 0,
        /// <summary>Watch the session (r).</summary>
        View = 1,
        /// <summary>Use the keyboard and mouse (w).</summary>
        Control = 2,
        /// <summary>Owner rights (o).</summary>
        Owner = 4,
    }

    /// <summary>Who other than the owner may view or control a session (get_session_permissions, set_session_permissions).</summary>
    public sealed class KasmSessionPermission : KasmObject
    {
        /// <summary>The permission's id.</summary>
        [KasmIdentity]
        public Guid SessionPermissionId { get; set; }
        /// <summary>The session.</summary>
        public Guid KasmId { get; set; }
        /// <summary>The user it is granted to.</summary>
        public Guid UserId { get; set; }
        /// <summary>The user's name.</summary>
        [KasmField("username")]
        public string? UserName { get; set; }
        /// <summary>Kasm's access letters as they came: r (view), w (control), o (owner).</summary>
        [KasmField("access")]
        public string? AccessText { get; set; }
        /// <summary>What the access letters allow.</summary>
        [KasmIgnore]
        public KasmSessionAccess Access { get; set; }
        /// <summary>The name KasmVNC knows the user by.</summary>
        [KasmField("vnc_username")]
        public string? VncUserName { get; set; }

        /// <summary>The user and the access.</summary>
        public override string ToString() => $"{UserName ?? UserId.ToString()}: {Access}";
    }
}
