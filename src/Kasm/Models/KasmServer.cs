using System;

namespace Kasm.Models
{
    /// <summary>
    /// A server sessions run on: a Docker agent (ServerType host) or a fixed server such as an RDP desktop. Connection
    /// secrets are never shown: a stored one reads as *** whatever the server sent.
    /// </summary>
    public sealed class KasmServer : KasmObject
    {
        /// <summary>The server id.</summary>
        [KasmIdentity]
        public Guid ServerId { get; set; }
        /// <summary>host for a Docker agent, else the kind of fixed server (Desktop, ...).</summary>
        public string? ServerType { get; set; }
        /// <summary>Its host name.</summary>
        public string? Hostname { get; set; }
        /// <summary>The name shown in the admin UI, if any.</summary>
        public string? FriendlyName { get; set; }
        /// <summary>Whether sessions may be placed on it.</summary>
        public bool Enabled { get; set; }
        /// <summary>running, starting, delete_pending, destroying, missing or dead.</summary>
        public string? OperationalStatus { get; set; }
        /// <summary>Docker, or the cloud provider of an autoscaled agent.</summary>
        public string? Provider { get; set; }
        /// <summary>CPU cores (agents).</summary>
        public int? Cores { get; set; }
        /// <summary>Memory in bytes (agents).</summary>
        public long? Memory { get; set; }
        /// <summary>GPUs (agents).</summary>
        public int? Gpus { get; set; }
        /// <summary>The zone's id.</summary>
        public Guid? ZoneId { get; set; }
        /// <summary>The zone's name.</summary>
        public string? ZoneName { get; set; }
        /// <summary>KasmVNC, RDP, VNC or SSH for a fixed server.</summary>
        public string? ConnectionType { get; set; }
        /// <summary>The port sessions connect to.</summary>
        public int? ConnectionPort { get; set; }
        /// <summary>The account sessions connect as.</summary>
        public string? ConnectionUsername { get; set; }
        /// <summary>*** when a password is stored (never the password).</summary>
        public string? ConnectionPassword { get; set; }
        /// <summary>*** when a private key is stored (never the key).</summary>
        public string? ConnectionPrivateKey { get; set; }
        /// <summary>*** when a key passphrase is stored (never the passphrase).</summary>
        public string? ConnectionPassphrase { get; set; }
        /// <summary>Sessions it takes at once (fixed servers).</summary>
        public int? MaxSimultaneousSessions { get; set; }
        /// <summary>Whether the Kasm agent runs on it.</summary>
        public bool AgentInstalled { get; set; }
        /// <summary>Whether an autoscale config made it.</summary>
        public bool IsAutoscaled { get; set; }
        /// <summary>When it last reported to the manager (UTC).</summary>
        public DateTime? LastReported { get; set; }

        /// <summary>The friendly name, else the host name.</summary>
        public override string ToString() => FriendlyName ?? Hostname ?? ServerId.ToString();
    }
}
