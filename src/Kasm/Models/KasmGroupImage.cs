using System;

namespace Kasm.Models
{
    /// <summary>A workspace a group's members may launch (get_images_group).</summary>
    public sealed class KasmGroupImage : KasmObject
    {
        /// <summary>The group.</summary>
        [KasmIdentity]
        public Guid GroupId { get; set; }
        /// <summary>The group's name.</summary>
        public string? GroupName { get; set; }
        /// <summary>The workspace.</summary>
        [KasmIdentity]
        public Guid ImageId { get; set; }
        /// <summary>The workspace's friendly name, such as Chrome.</summary>
        [KasmField("image_friendly_name")]
        public string? ImageName { get; set; }
        /// <summary>The workspace's Docker image, such as kasmweb/chrome:1.15.0.</summary>
        [KasmField("image_name")]
        public string? DockerImage { get; set; }
        /// <summary>The id of this group-workspace link.</summary>
        public Guid? GroupImageId { get; set; }

        /// <summary>The workspace's name.</summary>
        public override string ToString() => ImageName ?? ImageId.ToString();
    }
}
