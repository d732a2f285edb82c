using System;
using System.Collections.Generic;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace Kasm.Client
{
    /// <summary>
    /// The connections of each runspace, and which one is the default. Keyed by runspace, so two runspaces never
    /// see each other's default, and freed with the runspace (no user-visible variable, nothing process-wide).
    /// </summary>
    internal static class ConnectionStore
    {
        private static readonly ConditionalWeakTable<Runspace, RunspaceConnections> ByRunspace = new ConditionalWeakTable<Runspace, RunspaceConnections>();
        private static readonly RunspaceConnections NoRunspace = new RunspaceConnections();

        internal sealed class RunspaceConnections
        {
            public readonly object Gate = new object();
            public readonly List<KasmConnection> All = new List<KasmConnection>();
            public KasmConnection? Default;
        }

        private static RunspaceConnections Current()
        {
            var rs = Runspace.DefaultRunspace;
            return rs == null ? NoRunspace : ByRunspace.GetValue(rs, _ => new RunspaceConnections());
        }

        public static void Add(KasmConnection connection)
        {
            connection.Number();
            var c = Current();
            lock (c.Gate)
            {
                c.All.Add(connection);
                c.Default = connection;
            }
        }

        public static KasmConnection? Default
        {
            get
            {
                var c = Current();
                lock (c.Gate) return c.Default;
            }
        }

        public static IReadOnlyList<KasmConnection> All
        {
            get
            {
                var c = Current();
                lock (c.Gate) return c.All.ToArray();
            }
        }

        /// <summary>Forgets a connection; the most recent remaining one becomes the default.</summary>
        public static bool Remove(KasmConnection connection)
        {
            var c = Current();
            lock (c.Gate)
            {
                bool removed = c.All.Remove(connection);
                if (ReferenceEquals(c.Default, connection))
                    c.Default = c.All.Count > 0 ? c.All[c.All.Count - 1] : null;
                return removed;
            }
        }
    }
}
