using System;
using System.Collections;

namespace Kasm.Models
{
    /// <summary>An installed licence (never its key).</summary>
    public sealed class KasmLicense : KasmObject
    {
        /// <summary>The licence id.</summary>
        [KasmIdentity]
        public Guid LicenseId { get; set; }
        /// <summary>Whom it was issued to.</summary>
        public string? IssuedTo { get; set; }
        /// <summary>Its kind, such as Per Concurrent Kasm.</summary>
        public string? LicenseType { get; set; }
        /// <summary>The product tier, such as Enterprise.</summary>
        public string? Sku { get; set; }
        /// <summary>Sessions or users it allows.</summary>
        public int? Limit { get; set; }
        /// <summary>Whether its signature was verified.</summary>
        public bool IsVerified { get; set; }
        /// <summary>When it was issued (UTC).</summary>
        public DateTime? IssuedAt { get; set; }
        /// <summary>When it expires (UTC).</summary>
        public DateTime? Expiration { get; set; }
        /// <summary>Feature name to whether the licence grants it.</summary>
        public Hashtable? Features { get; set; }

        /// <summary>The holder and tier.</summary>
        public override string ToString() => $"{IssuedTo} ({Sku})";
    }
}
