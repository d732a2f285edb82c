using System;

namespace Kasm.Models
{
    /// <summary>
    /// Marks the property that identifies an object (the id the cmdlets pipe on). An answer item whose identity is
    /// missing or cannot be read is not output: it fails with KasmUnexpectedResponse naming the field
    /// (docs/kasm-api.md#odd-answers), while every other field that cannot be read is kept in AdditionalProperties.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    public sealed class KasmIdentityAttribute : Attribute { }
}
