using System;

namespace Kasm.Models
{
    /// <summary>What system_info reports: the build, the API server, the licence.</summary>
    public sealed class KasmSystemInfo : KasmObject
    {
        /// <summary>The build id, such as 1.15.0.abc123.</summary>
        [KasmField("api.build_id")]
        public string? BuildId { get; set; }
        /// <summary>The version parsed from the build id.</summary>
        [KasmIgnore]
        public Version? Version { get; set; }
        /// <summary>The API server's host name.</summary>
        [KasmField("api.server_hostname")]
        public string? ServerHostname { get; set; }
        /// <summary>The API server's id.</summary>
        [KasmField("api.server_id")]
        public Guid? ServerId { get; set; }
        /// <summary>Zone of the API server.</summary>
        [KasmField("api.zone_name")]
        public string? ZoneName { get; set; }
        /// <summary>The installation id.</summary>
        [KasmField("db.installation_id")]
        public Guid? InstallationId { get; set; }
        /// <summary>Per Concurrent Kasm or Per Named User.</summary>
        [KasmField("license.status.license_type")]
        public string? LicenseType { get; set; }
        /// <summary>Standard, Professional, Enterprise.</summary>
        [KasmField("license.status.license_sku")]
        public string? LicenseSku { get; set; }
        /// <summary>Whether a licence is installed.</summary>
        [KasmField("license.status.licensed")]
        public bool? Licensed { get; set; }
        /// <summary>Sessions or users the licence allows.</summary>
        [KasmField("license.status.limit")]
        public int? LicenseLimit { get; set; }
        /// <summary>How many of those are left.</summary>
        [KasmField("license.status.limit_remaining")]
        public int? LicenseRemaining { get; set; }
        /// <summary>Licensed features.</summary>
        [KasmField("license.status.features")]
        public string[]? Features { get; set; }
        /// <summary>Newest version the server knows of.</summary>
        [KasmField("update.status.latest_version")]
        public string? LatestVersion { get; set; }
        /// <summary>Whether an update is available.</summary>
        [KasmField("update.update_available")]
        public bool? UpdateAvailable { get; set; }

        /// <summary>The build id.</summary>
        public override string ToString() => BuildId ?? "Kasm";
    }
}
