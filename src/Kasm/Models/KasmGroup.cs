using System;

namespace Kasm.Models
{
    /// <summary>A user group: users get their workspaces, settings and permissions through their groups.</summary>
    public sealed class KasmGroup : KasmObject
    {
        /// <summary>The group id.</summary>
        [KasmIdentity]
        public Guid GroupId { get; set; }
        /// <summary>The group's name, such as All Users.</summary>
        public string? Name { get; set; }
        /// <summary>Description shown in the admin UI.</summary>
        public string? Description { get; set; }
        /// <summary>1 to 4095; where a user's groups disagree on a setting, the lowest number wins.</summary>
        public int? Priority { get; set; }
        /// <summary>True for the built-in groups (All Users, Administrators), which cannot be deleted.</summary>
        public bool IsSystem { get; set; }

        /// <summary>The name.</summary>
        public override string ToString() => Name ?? GroupId.ToString();
    }
}
