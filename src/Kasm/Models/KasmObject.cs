using System;
using System.Collections.Generic;
using System.Threading;
using Kasm.Client;

namespace Kasm.Models
{

    /// <summary>What every object the module outputs has: the connection it came from, and the fields it does not model.</summary>
    public abstract class KasmObject
    {
        private IDictionary<string, object?>? _additional;
        private IKasmFieldSource? _source;

        /// <summary>The connection this object came from; a cmdlet it is piped to uses it.</summary>
        [KasmIgnore]
        public KasmConnection? Connection { get; set; }

        /// <summary>
        /// Fields the server sent that this type does not model (newer Kasm versions add fields). Kept, not dropped;
        /// read from the answer the first time they are asked for.
        /// </summary>
        [KasmIgnore]
        public IDictionary<string, object?> AdditionalProperties
        {
            get
            {
                var table = Volatile.Read(ref _additional);
                if (table != null) return table;
                var fresh = new Dictionary<string, object?>(StringComparer.Ordinal);
                _source?.CopyTo(fresh);
                return Interlocked.CompareExchange(ref _additional, fresh, null) ?? fresh;
            }
        }

        /// <summary>The unmodelled fields, still in the answer they came in (the mapper sets it; read on first use).</summary>
        internal IKasmFieldSource? AdditionalSource { set => _source = value; }

        /// <summary>One unmodelled field, without reading the others.</summary>
        internal bool TryGetAdditional(string name, out object? value)
        {
            var table = Volatile.Read(ref _additional);
            if (table != null) return table.TryGetValue(name, out value);
            if (_source != null) return _source.TryGet(name, out value);
            value = null;
            return false;
        }

        /// <summary>Drops one unmodelled field (the client has read it into a property).</summary>
        internal void RemoveAdditional(string name)
        {
            var table = Volatile.Read(ref _additional);
            if (table != null) table.Remove(name);
            else _source?.Remove(name);
        }
    }

    /// <summary>Where an object's unmodelled fields wait until someone asks for them.</summary>
    internal interface IKasmFieldSource
    {
        void CopyTo(IDictionary<string, object?> target);
        bool TryGet(string name, out object? value);
        void Remove(string name);
    }
}
