using System;

namespace Kasm.Models
{
    /// <summary>One group setting (get_settings_group): the group's own value when it has set one, else the default.</summary>
    public sealed class KasmGroupSetting : KasmObject
    {
        /// <summary>The group.</summary>
        [KasmIgnore]
        public Guid GroupId { get; set; }
        /// <summary>The group's name, when the cmdlet knew it.</summary>
        [KasmIgnore]
        public string? GroupName { get; set; }
        /// <summary>The setting's name, such as max_kasms_per_user.</summary>
        public string? Name { get; set; }
        /// <summary>The value, typed from ValueType: bool, long (int), double (float), parsed JSON (json) or text; as the server sent it when it does not read as its type.</summary>
        [KasmIgnore]
        public object? Value { get; set; }
        /// <summary>The value's type: bool, int, float, json or string.</summary>
        public string? ValueType { get; set; }
        /// <summary>True when the group has set the setting; false when it has the default (the row carries no group id).</summary>
        [KasmIgnore]
        public bool IsSet { get; set; }
        /// <summary>What the setting does.</summary>
        public string? Description { get; set; }
        /// <summary>The row's id: the group's own row when set, else the setting's catalogue row.</summary>
        [KasmIdentity]
        public Guid GroupSettingId { get; set; }

        /// <summary>Name = value.</summary>
        public override string ToString() => $"{Name} = {Value}";
    }
}
