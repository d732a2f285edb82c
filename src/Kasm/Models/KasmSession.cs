using System;

namespace Kasm.Models
{
    /// <summary>A session (the API calls it a kasm).</summary>
    public sealed class KasmSession : KasmObject
    {
        /// <summary>The session id.</summary>
        [KasmIdentity]
        public Guid KasmId { get; set; }
        /// <summary>The session id again, under the name the Kasm UI uses (the same value as <see cref="KasmId"/>).</summary>
        /// <remarks>A property here rather than an alias in a types file: a types file costs every Import-Module about 10 ms.</remarks>
        public Guid SessionId => KasmId;
        /// <summary>The owner.</summary>
        public Guid? UserId { get; set; }
        /// <summary>The owner's user name.</summary>
        [KasmField("username", "user.username")]
        public string? UserName { get; set; }
        /// <summary>The workspace it runs.</summary>
        [KasmField("image_id", "image.image_id")]
        public Guid? ImageId { get; set; }
        /// <summary>The workspace's friendly name.</summary>
        [KasmField("image.friendly_name")]
        public string? ImageName { get; set; }
        /// <summary>requested, provisioning, assigned, starting, running, deleting, ...</summary>
        [KasmField("operational_status", "status")]
        public string? Status { get; set; }
        /// <summary>Progress text while starting.</summary>
        public string? OperationalMessage { get; set; }
        /// <summary>Start progress, 0 to 100.</summary>
        public int? OperationalProgress { get; set; }
        /// <summary>Host name users connect to.</summary>
        public string? Hostname { get; set; }
        /// <summary>The agent the session runs on.</summary>
        [KasmField("server.hostname")]
        public string? ServerHostname { get; set; }
        /// <summary>Agent server id.</summary>
        public Guid? ServerId { get; set; }
        /// <summary>Docker container id.</summary>
        public string? ContainerId { get; set; }
        /// <summary>Container IP on the agent network.</summary>
        public string? ContainerIp { get; set; }
        /// <summary>CPU cores.</summary>
        public double? Cores { get; set; }
        /// <summary>Memory in bytes.</summary>
        public long? Memory { get; set; }
        /// <summary>When it started (UTC).</summary>
        public DateTime? StartDate { get; set; }
        /// <summary>When it was created (UTC).</summary>
        public DateTime? CreatedDate { get; set; }
        /// <summary>Last keepalive (UTC).</summary>
        public DateTime? KeepaliveDate { get; set; }
        /// <summary>When it expires unless kept alive (UTC).</summary>
        public DateTime? ExpirationDate { get; set; }
        /// <summary>Share id when sharing is on.</summary>
        public string? ShareId { get; set; }
        /// <summary>The browser URL that opens the session. A credential: it embeds a login token.</summary>
        public Uri? KasmUrl { get; set; }
        /// <summary>The login token issued with the session. A credential.</summary>
        public string? SessionToken { get; set; }

        /// <summary>The session id.</summary>
        public override string ToString() => KasmId.ToString();
    }
}
