using System;

namespace Kasm.Models
{
    /// <summary>Marks a property that is not read from the API answer.</summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class KasmIgnoreAttribute : Attribute { }
}
