using System;
using System.Collections;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Starts a session of a workspace for a user (request_kasm).</para>
    /// <para type="description">Kasm answers at once and starts the container in the background. The returned session carries KasmUrl, the browser link that opens it, and SessionToken; both are credentials and stay out of the default view. With -Wait the cmdlet polls until the session runs (showing progress) or -WaitTimeoutSec passes. Kasm limits sessions per user (2 by default) and per licence; reaching a limit is an error for that item only. A session is never requested twice: request_kasm is not retried after it may have reached the server.</para>
    /// <example><code>Get-KasmImage -Name Chrome | New-KasmSession -UserId $user.UserId -Wait</code><para>Starts Chrome for a user and waits until it runs.</para></example>
    /// <example><code>$s = New-KasmSession -ImageId $imageId -UserId $userId -KasmUrl 'https://example.com'; $s.KasmUrl</code><para>Starts a browser session that opens a page, and shows the link to it.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "KasmSession", SupportsShouldProcess = true)]
    [OutputType(typeof(KasmSession))]
    public sealed class NewKasmSessionCommand : KasmApiCmdlet
    {
        /// <summary>The workspace to start; binds from a piped workspace.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("image_id")]
        public Guid ImageId { get; set; }

        /// <summary>The user who owns the session; binds from a piped user.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("user_id")]
        public Guid UserId { get; set; }

        /// <summary>Creates a share id so others can join.</summary>
        [Parameter]
        public SwitchParameter EnableSharing { get; set; }

        /// <summary>A URL the browser in the session opens (KASM_URL in the container).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? KasmUrl { get; set; }

        /// <summary>Extra environment variables for the container.</summary>
        [Parameter]
        public Hashtable? Environment { get; set; }

        /// <summary>Waits until the session runs.</summary>
        [Parameter]
        public SwitchParameter Wait { get; set; }

        /// <summary>How long -Wait waits, in seconds (default 300).</summary>
        [Parameter]
        [ValidateRange(1, 86400)]
        public int WaitTimeoutSec { get; set; } = 300;

        /// <summary>Seconds between polls while waiting (default 1).</summary>
        [Parameter]
        [ValidateRange(0.05, 60.0)]
        public double PollIntervalSec { get; set; } = 1;

        /// <summary>Requests one session.</summary>
        protected override void ProcessRecord()
        {
            if (!ShouldProcess($"workspace {ImageId} for user {UserId}", "Start Kasm session")) return;
            Try(ImageId, () =>
            {
                var client = Client;
                var session = client.RequestSession(ImageId, UserId, EnableSharing, KasmUrl, Environment, Cancellation);
                if (!Wait)
                {
                    WriteObject(session);
                    return;
                }
                var record = new ProgressRecord(1, "Starting Kasm session", $"Session {session.KasmId}");
                try
                {
                    session = client.WaitForSession(session, TimeSpan.FromSeconds(WaitTimeoutSec), TimeSpan.FromSeconds(PollIntervalSec), p =>
                    {
                        record.StatusDescription = p.Message ?? $"Session {session.KasmId}: {p.Status}";
                        record.CurrentOperation = p.Status;
                        if (p.Percent is int percent) record.PercentComplete = Math.Max(0, Math.Min(100, percent));
                        WriteProgress(record);
                    }, Cancellation);
                    WriteObject(session);
                }
                catch (KasmApiException ex)
                {
                    // The session exists (and may still start, or need removing): hand it over as the error's target.
                    WriteError(ex.ToErrorRecord(session));
                }
                finally
                {
                    record.RecordType = ProgressRecordType.Completed;
                    WriteProgress(record);
                }
            });
        }
    }
}
