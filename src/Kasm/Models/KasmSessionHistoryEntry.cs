using System;

namespace Kasm.Models
{
    /// <summary>One session's accounting row from the session history (get_session_history): live or ended.</summary>
    public sealed class KasmSessionHistoryEntry : KasmObject
    {
        /// <summary>The accounting row's id (the AccountId of the session's recordings).</summary>
        [KasmIdentity]
        public Guid AccountId { get; set; }
        /// <summary>The session; pipe the entry to Get-KasmSessionRecording for its recordings.</summary>
        public Guid KasmId { get; set; }
        /// <summary>The session's user.</summary>
        public Guid? UserId { get; set; }
        /// <summary>The user's name when the session ran.</summary>
        [KasmField("user_name", "username")]
        public string? UserName { get; set; }
        /// <summary>The workspace it ran.</summary>
        public Guid? ImageId { get; set; }
        /// <summary>The workspace's friendly name.</summary>
        [KasmField("image_friendly_name")]
        public string? ImageName { get; set; }
        /// <summary>The workspace's Docker image.</summary>
        [KasmField("image_name")]
        public string? DockerImage { get; set; }
        /// <summary>When the session started (UTC).</summary>
        public DateTime? StartDate { get; set; }
        /// <summary>When the session was created (UTC).</summary>
        public DateTime? CreatedDate { get; set; }
        /// <summary>When the session ended (UTC); empty while it runs.</summary>
        public DateTime? DestroyedDate { get; set; }
        /// <summary>Why it ended, as Kasm words it.</summary>
        public string? DestroyReason { get; set; }
        /// <summary>The groups the user was in.</summary>
        public Guid[]? GroupIds { get; set; }
        /// <summary>Hours of use Kasm counted.</summary>
        public double? UsageHours { get; set; }
        /// <summary>The casting link the session came from, if any.</summary>
        public Guid? CastConfigId { get; set; }
        /// <summary>True while the session has not ended.</summary>
        public bool IsActive => DestroyedDate == null;
        /// <summary>How long the session ran (to now while it runs), from the created and destroyed dates.</summary>
        public TimeSpan? Duration => CreatedDate is DateTime c ? (DestroyedDate ?? DateTime.UtcNow) - c : (TimeSpan?)null;

        /// <summary>The session id.</summary>
        public override string ToString() => KasmId.ToString();
    }
}
