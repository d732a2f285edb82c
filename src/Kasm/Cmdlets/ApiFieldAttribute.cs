using System;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// Names the API field a cmdlet parameter is sent as: the parameter-to-field map is declared once, on the parameter
    /// itself, and <see cref="KasmCmdlet.BoundFields()"/> reads it. A switch sends true or false; a SecureString its text.
    /// </summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class ApiFieldAttribute : Attribute
    {
        public ApiFieldAttribute(string name) { Name = name; }

        /// <summary>The field in the request's target object, such as first_name.</summary>
        public string Name { get; }
    }
}
