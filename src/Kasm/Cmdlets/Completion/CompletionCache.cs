using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Kasm.Client;

namespace Kasm.Cmdlets.Completion
{
    /// <summary>
    /// What tab completion offers, per connection and kind ("workspace", "user", "session"), kept for a short while.
    /// A lookup never throws and never holds the prompt longer than <see cref="Budget"/>: a slow or dead server gives
    /// nothing this time (the read goes on in the background and fills the cache for the next Tab).
    /// </summary>
    internal static class CompletionCache
    {
        /// <summary>How long the prompt waits for the server.</summary>
        public static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(1500);

        /// <summary>How long a list is reused.</summary>
        public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

        private sealed class Entry
        {
            public DateTime Read;
            public string[] Values = Array.Empty<string>();
            public Task? Pending;
        }

        private static readonly ConcurrentDictionary<(KasmConnection, string), Entry> Entries = new ConcurrentDictionary<(KasmConnection, string), Entry>();

        public static IReadOnlyList<string> Get(KasmConnection connection, string kind, Func<KasmClient, CancellationToken, IEnumerable<string>> read)
        {
            try
            {
                if (!connection.IsConnected) return Array.Empty<string>();
                var entry = Entries.GetOrAdd((connection, kind), _ => new Entry());
                Task pending;
                lock (entry)
                {
                    if (entry.Read != default && DateTime.UtcNow - entry.Read < Lifetime) return entry.Values;
                    if (entry.Pending == null || entry.Pending.IsCompleted)
                        entry.Pending = Task.Run(() => Fill(connection, entry, read));
                    pending = entry.Pending;
                }
                pending.Wait(Budget);
                lock (entry) return entry.Values;
            }
            catch (Exception)
            {
                // Completion must never fail the prompt.
                return Array.Empty<string>();
            }
        }

        private static void Fill(KasmConnection connection, Entry entry, Func<KasmClient, CancellationToken, IEnumerable<string>> read)
        {
            try
            {
                using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                var values = read(new KasmClient(connection, NullKasmLog.Instance), cancel.Token)
                    .Where(v => !string.IsNullOrEmpty(v)).Distinct(StringComparer.OrdinalIgnoreCase)
                    .OrderBy(v => v, StringComparer.OrdinalIgnoreCase).ToArray();
                lock (entry)
                {
                    entry.Values = values;
                    entry.Read = DateTime.UtcNow;
                }
            }
            catch (Exception)
            {
                // A refused, slow or failing server offers nothing; the next Tab tries again.
            }
        }

        /// <summary>Forgets the lists of one connection (after changes through it, and when it is disconnected).</summary>
        public static void Forget(KasmConnection connection)
        {
            foreach (var key in Entries.Keys.Where(k => ReferenceEquals(k.Item1, connection)).ToList())
                Entries.TryRemove(key, out _);
        }

        /// <summary>Forgets every list (when the module is removed, and in tests).</summary>
        public static void Clear() => Entries.Clear();
    }
}
