using System;
using System.Collections.Generic;
using Kasm.Client;

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

    /// <summary>Marks a property that is not read from the API answer.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class KasmIgnoreAttribute : Attribute { }

    /// <summary>What every object the module outputs has: the connection it came from, and the fields it does not model.</summary>
    public abstract class KasmObject
    {
        /// <summary>The connection this object came from; a cmdlet it is piped to uses it.</summary>
        [KasmIgnore]
        public KasmConnection? Connection { get; set; }

        /// <summary>Fields the server sent that this type does not model (newer Kasm versions add fields). Kept, not dropped.</summary>
        [KasmIgnore]
        public IDictionary<string, object?> AdditionalProperties { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);
    }
}
