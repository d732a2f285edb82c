using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace Kasm.Client
{
    /// <summary>
    /// -Name style filtering with PowerShell's rules: wildcards, case-insensitive; a literal name that matches nothing
    /// is reported, a wildcard that matches nothing is silent.
    /// </summary>
    internal sealed class NameFilter
    {
        private readonly (string Text, WildcardPattern Pattern, bool Literal)[] _patterns;
        private readonly HashSet<string> _matchedLiterals = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        public NameFilter(IEnumerable<string>? names)
        {
            _patterns = (names ?? Enumerable.Empty<string>())
                .Where(n => !string.IsNullOrEmpty(n))
                .Select(n => (n, WildcardPattern.Get(n, WildcardOptions.IgnoreCase), !WildcardPattern.ContainsWildcardCharacters(n)))
                .ToArray();
        }

        public bool IsEmpty => _patterns.Length == 0;

        /// <summary>True when any of <paramref name="candidates"/> matches any pattern (always true without patterns).</summary>
        public bool Matches(params string?[] candidates)
        {
            if (IsEmpty) return true;
            bool any = false;
            foreach (var p in _patterns)
            {
                if (!candidates.Any(c => c != null && p.Pattern.IsMatch(c))) continue;
                any = true;
                if (p.Literal) _matchedLiterals.Add(p.Text);
            }
            return any;
        }

        /// <summary>The literal names that matched nothing.</summary>
        public IEnumerable<string> UnmatchedLiterals => _patterns.Where(p => p.Literal && !_matchedLiterals.Contains(p.Text)).Select(p => p.Text);
    }
}
