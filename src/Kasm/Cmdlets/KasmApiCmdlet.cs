using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using Kasm.Client;

namespace Kasm.Cmdlets
{
    /// <summary>A cmdlet that talks to a Kasm server: it takes -Connection, or the piped object's connection, or the default.</summary>
    public abstract class KasmApiCmdlet : KasmCmdlet
    {
        /// <summary>
        /// The connection to use. Objects from this module carry the connection they came from, so a piped object
        /// goes back to its own server. Without it, the connection Connect-Kasm made last in this session is used.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public KasmConnection? Connection { get; set; }

        private readonly HashSet<KasmConnection> _listed = new HashSet<KasmConnection>();
        private readonly Dictionary<KasmConnection, System.Collections.IList> _lists = new Dictionary<KasmConnection, System.Collections.IList>();

        /// <summary>The client for this item's connection.</summary>
        internal KasmClient Client => new KasmClient(ResolveConnection(), this);

        /// <summary>
        /// True the first time this invocation lists from the client's connection. Every object of the module binds
        /// -Connection from the pipeline, so `Get-KasmUser | Get-KasmImage` brings many records that ask for the same
        /// list: it is written once per connection.
        /// </summary>
        internal bool FirstListing(KasmClient client) => _listed.Add(client.Connection);

        /// <summary>A list read once per connection for the whole invocation, for cmdlets that look piped ids up in it.</summary>
        internal List<T> ListOnce<T>(KasmClient client, Func<KasmClient, IEnumerable<T>> list)
        {
            if (!_lists.TryGetValue(client.Connection, out var cached))
            {
                cached = list(client).ToList();
                _lists[client.Connection] = cached;
            }
            return (List<T>)cached;
        }

        /// <summary>
        /// Writes the listed items whose name matches -Name's patterns (all without patterns), as they are read; then
        /// a KasmItemNotFound error for each name without wildcards that matched nothing (PowerShell's -Name rule).
        /// </summary>
        internal void WriteMatching<T>(Func<KasmClient, IEnumerable<T>> list, string[]? names, Func<T, string?[]> namesOf, string noun)
        {
            var filter = new NameFilter(names);
            bool first = false;
            bool listed = Try(names, () =>
            {
                var client = Client;
                if (!(first = FirstListing(client))) return;
                foreach (var item in list(client))
                    if (filter.Matches(namesOf(item))) WriteObject(item);
            });
            if (!listed || !first) return;
            foreach (var missing in filter.UnmatchedLiterals)
                WriteError(ItemNotFound($"No {noun} has the name '{missing}'.", missing));
        }

        private KasmConnection ResolveConnection() =>
            Connection ?? ConnectionStore.Default ?? throw new KasmApiException(KasmErrorId.NotConnected,
                "There is no Kasm connection. Run Connect-Kasm first, or pass -Connection.");
    }
}
