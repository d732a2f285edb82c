using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;

namespace Kasm.Cmdlets
{
    /// <summary>Marks a text parameter that may hold line breaks and tabs (notes, descriptions).</summary>
    [AttributeUsage(AttributeTargets.Property)]
    internal sealed class MultiLineAttribute : Attribute { }

    /// <summary>
    /// The check every cmdlet of the module applies to its text and hashtable parameters before anything is sent
    /// (docs/design.md, section 9b): no control characters (NUL, ESC, DEL, C1; tab and line breaks only in [MultiLine] parameters),
    /// no unpaired surrogates, at most <see cref="MaxLength"/> characters (<see cref="MaxMultiLineLength"/> for
    /// [MultiLine]), and not blank where the parameter refuses an empty value (Mandatory or [ValidateNotNullOrEmpty]).
    /// Works from each cmdlet type's parameter metadata, read once per type, so cmdlets added later get it for nothing.
    /// </summary>
    internal static class TextParameterCheck
    {
        public const int MaxLength = 4096;
        public const int MaxMultiLineLength = 65536;

        internal sealed class TextParameter
        {
            public TextParameter(PropertyInfo property, bool multiLine, bool refusesBlank)
            {
                Property = property;
                MultiLine = multiLine;
                RefusesBlank = refusesBlank;
            }

            public PropertyInfo Property { get; }
            public string Name => Property.Name;
            public bool MultiLine { get; }
            public bool RefusesBlank { get; }
        }

        private static readonly ConcurrentDictionary<Type, TextParameter[]> Parameters = new ConcurrentDictionary<Type, TextParameter[]>();

        /// <summary>The string and string[] parameters of a cmdlet type.</summary>
        public static TextParameter[] Of(Type cmdlet) => Parameters.GetOrAdd(cmdlet, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => (p.PropertyType == typeof(string) || p.PropertyType == typeof(string[]) || typeof(System.Collections.IDictionary).IsAssignableFrom(p.PropertyType))
                        && p.GetCustomAttributes<ParameterAttribute>().Any())
            .Select(p => new TextParameter(p,
                p.GetCustomAttribute<MultiLineAttribute>() != null,
                p.GetCustomAttribute<ValidateNotNullOrEmptyAttribute>() != null
                || p.GetCustomAttributes<ParameterAttribute>().Any(a => a.Mandatory) && p.GetCustomAttribute<AllowEmptyStringAttribute>() == null))
            .ToArray());

        private static readonly ConcurrentDictionary<Type, bool> Piped = new ConcurrentDictionary<Type, bool>();

        /// <summary>True when some parameter of the cmdlet takes pipeline input (by value or by property name).</summary>
        public static bool TakesPipelineInput(Type cmdlet) => Piped.GetOrAdd(cmdlet, t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .SelectMany(p => p.GetCustomAttributes<ParameterAttribute>()).Any(a => a.ValueFromPipeline || a.ValueFromPipelineByPropertyName));

        /// <summary>The first problem with the parameter's current value, or null.</summary>
        public static string? Problem(TextParameter parameter, object? value)
        {
            switch (value)
            {
                case string text: return Problem(parameter, text);
                case string[] list:
                    foreach (var item in list)
                        if (item != null && Problem(parameter, item) is string problem) return problem;
                    return null;
                case System.Collections.IDictionary table:
                    return TableProblem(parameter, table, 0);
                default: return null;
            }
        }

        /// <summary>
        /// A hashtable that becomes request fields (-Body, -Environment, -VolumeConfig): its keys and text values, nested
        /// ones too, take no control characters but tab and line breaks (some API fields are multi-line text) and no
        /// unpaired surrogates. Length and blanks are the API's business here.
        /// </summary>
        private static string? TableProblem(TextParameter parameter, object? value, int depth)
        {
            if (depth > 32) return null; // the body builder refuses deeper nesting itself
            if (value is PSObject pso && !(pso.BaseObject is PSCustomObject)) value = pso.BaseObject;
            switch (value)
            {
                case string text:
                    return TextProblem(text, allowLineBreaks: true) is string what ? $"-{parameter.Name} holds text with {what}." : null;
                case System.Collections.IDictionary table:
                    foreach (System.Collections.DictionaryEntry entry in table)
                    {
                        if (entry.Key is string key && TextProblem(key, allowLineBreaks: false) is string inKey)
                            return $"-{parameter.Name} has a key with {inKey}.";
                        if (TableProblem(parameter, entry.Value, depth + 1) is string inValue) return inValue;
                    }
                    return null;
                case PSObject custom:
                    foreach (var p in custom.Properties)
                        if (TableProblem(parameter, p.Value, depth + 1) is string inValue) return inValue;
                    return null;
                case System.Collections.IEnumerable list:
                    foreach (var item in list)
                        if (TableProblem(parameter, item, depth + 1) is string inItem) return inItem;
                    return null;
                default: return null;
            }
        }

        /// <summary>What is wrong with the characters of a text ("the control character U+0000 at position 2"), or null.</summary>
        private static string? TextProblem(string text, bool allowLineBreaks)
        {
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < ' ' || c >= '\u007f' && c <= '\u009f')
                {
                    if (allowLineBreaks && (c == '\t' || c == '\r' || c == '\n')) continue;
                    return $"the control character U+{(int)c:X4} at position {i + 1}";
                }
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
                if (char.IsSurrogate(c)) return $"half of a UTF-16 surrogate pair (U+{(int)c:X4}) at position {i + 1}";
            }
            return null;
        }

        private static string? Problem(TextParameter parameter, string text)
        {
            int limit = parameter.MultiLine ? MaxMultiLineLength : MaxLength;
            if (text.Length > limit)
                return $"-{parameter.Name} is {text.Length} characters long; at most {limit} are accepted.";
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c < ' ' || c >= '\u007f' && c <= '\u009f')
                {
                    if (parameter.MultiLine && (c == '\t' || c == '\r' || c == '\n')) continue;
                    return $"-{parameter.Name} contains the control character U+{(int)c:X4} at position {i + 1}" +
                           (c == '\t' || c == '\r' || c == '\n' ? " (a tab or line break, which this parameter does not take)." : ".");
                }
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
                if (char.IsSurrogate(c))
                    return $"-{parameter.Name} contains half of a UTF-16 surrogate pair (U+{(int)c:X4}) at position {i + 1}: it is not valid text.";
            }
            if (parameter.RefusesBlank && text.Trim().Length == 0)
                return $"-{parameter.Name} is blank.";
            return null;
        }

        /// <summary>The problem with the first of <paramref name="parameters"/> whose value is wrong, or null.</summary>
        public static string? FirstProblem(object cmdlet, IEnumerable<TextParameter> parameters)
        {
            foreach (var p in parameters)
            {
                var value = p.Property.GetValue(cmdlet);
                if (value == null) continue;
                if (Problem(p, value) is string problem) return problem;
            }
            return null;
        }
    }
}
