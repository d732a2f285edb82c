using System.Collections.Generic;
using System.Threading;
using Kasm.Models;

namespace Kasm.Client
{
    internal sealed partial class KasmClient
    {
        /// <summary>get_groups: the groups this key may view (docs/kasm-api.md#groups).</summary>
        public IEnumerable<KasmGroup> GetGroups(CancellationToken cancel) =>
            List<KasmGroup>(KasmEndpoints.GetGroups, null, "groups", cancel);
    }
}
