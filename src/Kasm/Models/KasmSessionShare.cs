using System;

namespace Kasm.Models
{
    /// <summary>A session's share id: what a viewer passes to Join-KasmSession (create_kasm_share_id, get_kasm_share_id).</summary>
    public sealed class KasmSessionShare : KasmObject
    {
        /// <summary>The shared session.</summary>
        [KasmIgnore]
        public Guid KasmId { get; set; }
        /// <summary>The session's owner.</summary>
        [KasmIgnore]
        public Guid OwnerId { get; set; }
        /// <summary>The share id (8 hex digits); null when the session is not shared. Anyone who has it may join as a viewer.</summary>
        public string? ShareId { get; set; }

        /// <summary>The share id.</summary>
        public override string ToString() => ShareId ?? string.Empty;
    }
}
