using System;

namespace Kasm.Models
{
    /// <summary>A global server setting (get_settings).</summary>
    public sealed class KasmSetting : KasmObject
    {
        /// <summary>The setting id.</summary>
        [KasmIdentity]
        public Guid SettingId { get; set; }
        /// <summary>Its name, such as session_lifetime.</summary>
        public string? Name { get; set; }
        /// <summary>Its value as the server stores it (text; a secret setting's value reads as ***).</summary>
        public string? Value { get; set; }
        /// <summary>Its category, such as auth.</summary>
        public string? Category { get; set; }
        /// <summary>The value's type (int, bool, string, ...).</summary>
        public string? ValueType { get; set; }
        /// <summary>The title the admin UI shows.</summary>
        public string? Title { get; set; }
        /// <summary>What it does.</summary>
        public string? Description { get; set; }
        /// <summary>Whether a change needs the services restarted.</summary>
        public bool ServicesRestart { get; set; }

        /// <summary>Name = value.</summary>
        public override string ToString() => $"{Name} = {Value}";
    }
}
