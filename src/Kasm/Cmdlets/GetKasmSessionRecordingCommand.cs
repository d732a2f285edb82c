using System;
using System.Management.Automation;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets the recordings of a session (get_session_recordings).</para>
    /// <para type="description">Outputs one KasmSessionRecording per recording of each session given or piped, live or past: its id, duration and storage location, and with -DownloadLink a pre-signed link that downloads it without a login. Kasm answers five recordings a page; the cmdlet asks for page after page until it has them all, writing each page as it arrives, so Select-Object -First sends no further page. When the server cannot sign a link (Kasm sends "error") the recording comes out with an empty DownloadUrl, DownloadLinkFailed set and a warning. The key needs Session Recordings View; read-only keys may call it. Recording needs a Kasm Enterprise licence (or the session_recording feature): on a server without one the error id is KasmNotLicensed.</para>
    /// <example><code>Get-KasmSessionRecording -KasmId e1f2a3b4c5d64e7f8091a2b3c4d5e6f7</code><para>Lists every recording of a session, seven here over two pages.</para></example>
    /// <example><code>Get-KasmSessionRecording -KasmId e1f2a3b4c5d64e7f8091a2b3c4d5e6f7 -DownloadLink | Select-Object -First 1 RecordingId, Duration, DownloadUrl</code><para>Gets a download link for the first recording; only the first page is asked for.</para></example>
    /// <example><code>Get-KasmSession | Get-KasmSessionRecording</code><para>Lists the recordings of every live session.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmSessionRecording")]
    [OutputType(typeof(KasmSessionRecording))]
    public sealed class GetKasmSessionRecordingCommand : KasmApiCmdlet
    {
        /// <summary>The session, live or past; binds from a piped session or session history entry.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("SessionId", "kasm_id")]
        [ArgumentCompleter(typeof(KasmSessionIdCompleter))]
        public Guid KasmId { get; set; }

        /// <summary>Also get a pre-signed download link for each recording (DownloadUrl). Anyone holding the link can download the recording until it expires.</summary>
        [Parameter]
        public SwitchParameter DownloadLink { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmSession), typeof(KasmSessionRecording), typeof(KasmSessionHistoryEntry) };

        /// <summary>Writes one session's recordings, page by page.</summary>
        protected override void ProcessItem() =>
            Try(KasmId, () =>
            {
                foreach (var recording in Client.GetSessionRecordings(KasmId, DownloadLink.IsPresent, Cancellation))
                {
                    if (recording.DownloadLinkFailed)
                        WriteWarning($"Kasm could not make a download link for recording {recording.RecordingId} of session {recording.KasmId} (its object storage did not sign one).");
                    WriteObject(recording);
                }
            });
    }
}
