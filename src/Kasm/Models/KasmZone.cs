using System;

namespace Kasm.Models
{
    /// <summary>A deployment zone: managers and agents that serve sessions together, with its free capacity.</summary>
    public sealed class KasmZone : KasmObject
    {
        /// <summary>The zone id.</summary>
        [KasmIdentity]
        public Guid ZoneId { get; set; }
        /// <summary>The zone's name (unique; a new install has "default").</summary>
        [KasmField("zone_name")]
        public string? Name { get; set; }
        /// <summary>How sessions are placed on agents, such as least_load.</summary>
        public string? LoadStrategy { get; set; }
        /// <summary>Whether fixed agents are used before autoscaled ones.</summary>
        public bool PrioritizeStaticAgents { get; set; }
        /// <summary>Whether a session may go to another zone when this one is full.</summary>
        public bool SearchAlternateZones { get; set; }
        /// <summary>Whether session traffic goes through the zone's proxy.</summary>
        public bool ProxyConnections { get; set; }
        /// <summary>The proxy host ($request_host$ means the host the user connected to).</summary>
        public string? ProxyHostname { get; set; }
        /// <summary>The proxy path.</summary>
        public string? ProxyPath { get; set; }
        /// <summary>The proxy port.</summary>
        public int? ProxyPort { get; set; }
        /// <summary>The primary manager's id.</summary>
        public Guid? PrimaryManagerId { get; set; }
        /// <summary>Sessions in the zone.</summary>
        [KasmField("num_kasms")]
        public int? SessionCount { get; set; }
        /// <summary>CPU cores still free on the zone's agents.</summary>
        public double? AvailableCores { get; set; }
        /// <summary>Memory still free on the zone's agents, in bytes.</summary>
        public long? AvailableMemory { get; set; }
        /// <summary>GPUs still free on the zone's agents.</summary>
        public int? AvailableGpus { get; set; }

        /// <summary>The name.</summary>
        public override string ToString() => Name ?? ZoneId.ToString();
    }
}
