using System;

namespace Kasm.Models
{
    /// <summary>Names the API field(s) a property comes from when the snake_case of its name is not right.
    /// A dotted path (image.friendly_name) reads a nested field.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class KasmFieldAttribute : Attribute
    {
        /// <summary>The field names to try, in order.</summary>
        public KasmFieldAttribute(params string[] names) { Names = names; }

        /// <summary>The field names to try, in order.</summary>
        public string[] Names { get; }
    }
}
