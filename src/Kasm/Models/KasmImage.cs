using System;

namespace Kasm.Models
{
    /// <summary>A workspace (the API calls it an image).</summary>
    public sealed class KasmImage : KasmObject
    {
        /// <summary>The workspace id.</summary>
        [KasmIdentity]
        public Guid ImageId { get; set; }
        /// <summary>The name users see, such as Chrome.</summary>
        public string? FriendlyName { get; set; }
        /// <summary>The Docker image reference, such as kasmweb/chrome:1.15.0 (empty for server workspaces).</summary>
        public string? Name { get; set; }
        /// <summary>Description shown in the launcher.</summary>
        public string? Description { get; set; }
        /// <summary>Whether users may launch it.</summary>
        public bool Enabled { get; set; }
        /// <summary>Whether at least one agent has the image pulled.</summary>
        public bool Available { get; set; }
        /// <summary>Hidden from the launcher.</summary>
        public bool Hidden { get; set; }
        /// <summary>CPU cores given to each session.</summary>
        public double Cores { get; set; }
        /// <summary>Memory per session in bytes.</summary>
        public long Memory { get; set; }
        /// <summary>GPUs per session.</summary>
        public int GpuCount { get; set; }
        /// <summary>Container, Server or Server Pool.</summary>
        public string? ImageType { get; set; }
        /// <summary>Launcher categories.</summary>
        public string[]? Categories { get; set; }
        /// <summary>Icon path on the server.</summary>
        [KasmField("image_src")]
        public string? ImageSource { get; set; }
        /// <summary>Docker registry of the image.</summary>
        public string? DockerRegistry { get; set; }
        /// <summary>Persistent profile path template.</summary>
        public string? PersistentProfilePath { get; set; }
        /// <summary>Session time limit in seconds, if any.</summary>
        public long? SessionTimeLimit { get; set; }
        /// <summary>Zone the image is restricted to, if any.</summary>
        public Guid? ZoneId { get; set; }
        /// <summary>Zone name, if restricted.</summary>
        public string? ZoneName { get; set; }
        /// <summary>Server of a server workspace.</summary>
        public Guid? ServerId { get; set; }
        /// <summary>Uncompressed size of the Docker image in bytes (the API reports MB).</summary>
        [KasmIgnore]
        public long? UncompressedSize { get; set; }

        /// <summary>The friendly name.</summary>
        public override string ToString() => FriendlyName ?? Name ?? ImageId.ToString();
    }
}
