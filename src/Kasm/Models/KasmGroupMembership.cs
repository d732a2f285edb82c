using System;

namespace Kasm.Models
{
    /// <summary>A group a user belongs to.</summary>
    public sealed class KasmGroupMembership : KasmObject
    {
        /// <summary>The group id.</summary>
        public Guid GroupId { get; set; }
        /// <summary>The group name.</summary>
        public string? Name { get; set; }

        /// <summary>The group name.</summary>
        public override string ToString() => Name ?? GroupId.ToString();
    }
}
