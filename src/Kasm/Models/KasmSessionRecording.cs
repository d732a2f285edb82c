using System;

namespace Kasm.Models
{
    /// <summary>One recording of a session (get_session_recordings).</summary>
    public sealed class KasmSessionRecording : KasmObject
    {
        /// <summary>The recording id.</summary>
        [KasmIdentity]
        public Guid RecordingId { get; set; }
        /// <summary>The recorded session (the id that was asked for; the answer does not repeat it).</summary>
        [KasmIgnore]
        public Guid KasmId { get; set; }
        /// <summary>The session's accounting record, the id Kasm's session history uses.</summary>
        public Guid? AccountId { get; set; }
        /// <summary>How long the recording runs, in seconds, as Kasm sent it.</summary>
        [KasmField("session_recording_metadata.duration")]
        public double? DurationSeconds { get; set; }
        /// <summary>How long the recording runs.</summary>
        public TimeSpan? Duration => DurationSeconds is double s && s >= 0 && s < TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(s) : (TimeSpan?)null;
        /// <summary>Where Kasm stores the recording (its object-storage location, not a download link).</summary>
        [KasmField("session_recording_url")]
        public string? Url { get; set; }
        /// <summary>
        /// A pre-signed link that downloads the recording without a login, with -DownloadLink; null without it, and
        /// null when the server could not sign one (then <see cref="DownloadLinkFailed"/> is true).
        /// </summary>
        [KasmField("session_recording_download_url")]
        public string? DownloadUrl { get; set; }
        /// <summary>True when a download link was asked for and the server could not make one (it sent "error" or no link).</summary>
        [KasmIgnore]
        public bool DownloadLinkFailed { get; set; }

        /// <summary>The recording id.</summary>
        public override string ToString() => RecordingId.ToString();
    }
}
