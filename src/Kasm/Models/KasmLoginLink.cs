using System;

namespace Kasm.Models
{
    /// <summary>A one-click login link for a user (get_login). The link is a credential: whoever opens it is logged in as the user.</summary>
    public sealed class KasmLoginLink : KasmObject
    {
        /// <summary>The user the link logs in.</summary>
        [KasmIgnore]
        public Guid UserId { get; set; }
        /// <summary>The link. A credential: it embeds a login token; Revoke-KasmUserLogin ends it.</summary>
        [KasmField("url")]
        public Uri? Url { get; set; }

        /// <summary>Says whose link it is, never the link itself (so it does not end up in logs by accident).</summary>
        public override string ToString() => "Kasm login link for user " + UserId;
    }
}
