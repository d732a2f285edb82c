using System;
using System.Collections.Generic;
using Kasm.Client;

namespace Kasm.Models
{

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
