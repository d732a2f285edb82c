using System;

namespace Kasm.Models
{
    /// <summary>A viewer's way into a shared session (join_kasm): who joined, and the link that opens it.</summary>
    public sealed class KasmSessionJoin : KasmObject
    {
        /// <summary>The shared session.</summary>
        [KasmField("kasm.kasm_id")]
        public Guid KasmId { get; set; }
        /// <summary>The share id that was used.</summary>
        [KasmField("kasm.share_id")]
        public string? ShareId { get; set; }
        /// <summary>The session owner's user name.</summary>
        [KasmField("kasm.user.username")]
        public string? OwnerName { get; set; }
        /// <summary>The viewer: the user given, or the anonymous user Kasm made.</summary>
        public Guid? UserId { get; set; }
        /// <summary>The viewer's user name.</summary>
        [KasmField("username")]
        public string? UserName { get; set; }
        /// <summary>The browser URL that opens the shared session as this viewer. A credential: it embeds a login token.</summary>
        public Uri? KasmUrl { get; set; }
        /// <summary>The viewer's login token. A credential.</summary>
        public string? SessionToken { get; set; }

        /// <summary>The session id.</summary>
        public override string ToString() => KasmId.ToString();
    }
}
