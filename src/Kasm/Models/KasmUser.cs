using System;

namespace Kasm.Models
{
    /// <summary>A Kasm user.</summary>
    public sealed class KasmUser : KasmObject
    {
        /// <summary>The user id.</summary>
        [KasmIdentity]
        public Guid UserId { get; set; }
        /// <summary>The login name.</summary>
        [KasmField("username")]
        public string? UserName { get; set; }
        /// <summary>First name.</summary>
        public string? FirstName { get; set; }
        /// <summary>Last name.</summary>
        public string? LastName { get; set; }
        /// <summary>Organization.</summary>
        public string? Organization { get; set; }
        /// <summary>Phone.</summary>
        public string? Phone { get; set; }
        /// <summary>Notes.</summary>
        public string? Notes { get; set; }
        /// <summary>local, ldap, saml, oidc.</summary>
        public string? Realm { get; set; }
        /// <summary>Locked out.</summary>
        public bool Locked { get; set; }
        /// <summary>Disabled.</summary>
        public bool Disabled { get; set; }
        /// <summary>Anonymous user made by request_kasm without a user.</summary>
        public bool Anonymous { get; set; }
        /// <summary>Last session start (UTC), if any.</summary>
        public DateTime? LastSession { get; set; }
        /// <summary>When the user was created (UTC).</summary>
        public DateTime? Created { get; set; }
        /// <summary>Group memberships.</summary>
        public KasmGroupMembership[]? Groups { get; set; }

        /// <summary>The user name.</summary>
        public override string ToString() => UserName ?? UserId.ToString();
    }

}
