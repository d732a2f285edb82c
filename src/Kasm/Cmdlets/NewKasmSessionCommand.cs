using System;
using System.Collections;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Models;

using Kasm.Cmdlets.Completion;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Starts a session of a workspace for a user (request_kasm).</para>
    /// <para type="description">Kasm answers at once and starts the container in the background. The returned session carries KasmUrl, the browser link that opens it, and SessionToken; both are credentials and stay out of the default view. With -Wait the cmdlet polls get_kasm_status until the session runs (showing progress) or -WaitTimeoutSec passes; it fails at once (KasmSessionNotStarting) when the session is gone, stopped, paused or being deleted. Where the server's answer cannot tell "starting" from a refusal (Kasm 1.15 answers both with only a message), the session lists (the owner's get_user_kasms, else get_kasms) say which. Kasm limits sessions per user (2 by default) and per licence; reaching a limit is an error for that item only. A session is never requested twice: request_kasm is not retried after it may have reached the server.</para>
    /// <para type="description">-EnableSharing asks Kasm for a share id. Where the user's group does not allow sharing (the group setting allow_kasm_sharing, off unless set), Kasm still creates the session, which runs and holds a licence slot, and reports "Failed to create Share ID" next to it: the cmdlet outputs the session and writes a KasmPartialSuccess error whose target is the session, so you can keep it or remove it. Under -ErrorAction Stop the session still goes down the pipeline before the error stops the script, and a catch block finds it in $_.TargetObject.</para>
    /// <example><code>$user = Get-KasmUser user@kasm.local; Get-KasmImage -Name Chrome | New-KasmSession -UserId $user.UserId -Wait</code><para>Starts Chrome for a user and waits until it runs.</para></example>
    /// <example><code>New-KasmSession -ImageName Chrome -UserName user@kasm.local -Wait</code><para>The same by names (Tab completes both).</para></example>
    /// <example><code>$imageId = (Get-KasmImage -Name Chrome).ImageId; $userId = (Get-KasmUser user@kasm.local).UserId; $s = New-KasmSession -ImageId $imageId -UserId $userId -StartUrl 'https://example.com'; $s.KasmUrl</code><para>Starts a browser session that opens a page, and shows the link to the session.</para></example>
    /// <example><code>$s = New-KasmSession -ImageName Chrome -UserName user@kasm.local -EnableSharing -ErrorAction SilentlyContinue -ErrorVariable problem; if ($problem.FullyQualifiedErrorId -like 'KasmPartialSuccess*') { $s | Remove-KasmSession -Confirm:$false }</code><para>Starts a shared session and removes it again when Kasm made the session but not the share id.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "KasmSession", SupportsShouldProcess = true, DefaultParameterSetName = IdAndId)]
    [OutputType(typeof(KasmSession))]
    public sealed class NewKasmSessionCommand : KasmBulkCmdlet
    {
        private const string IdAndId = "ImageIdUserId", IdAndName = "ImageIdUserName", NameAndId = "ImageNameUserId", NameAndName = "ImageNameUserName";

        /// <summary>The workspace to start; binds from a piped workspace.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdAndId)]
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdAndName)]
        [Alias("image_id")]
        public Guid ImageId { get; set; }

        /// <summary>The workspace to start, by its name (Chrome) or Docker image; an unknown or ambiguous name is an error before anything is sent.</summary>
        [Parameter(Mandatory = true, ParameterSetName = NameAndId)]
        [Parameter(Mandatory = true, ParameterSetName = NameAndName)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmImageNameCompleter))]
        public string? ImageName { get; set; }

        /// <summary>The user who owns the session; binds from a piped user.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = IdAndId)]
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = NameAndId)]
        [Alias("user_id")]
        public Guid UserId { get; set; }

        /// <summary>The user who owns the session, by user name; an unknown name is an error before anything is sent.</summary>
        [Parameter(Mandatory = true, ParameterSetName = IdAndName)]
        [Parameter(Mandatory = true, ParameterSetName = NameAndName)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmUserNameCompleter))]
        public string? UserName { get; set; }

        /// <summary>Creates a share id so others can join.</summary>
        [Parameter]
        public SwitchParameter EnableSharing { get; set; }

        /// <summary>
        /// The page the browser in the session opens (sent as kasm_url, KASM_URL in the container). Not to be confused
        /// with the output's KasmUrl, the link that opens the session itself; -KasmUrl is kept as an alias.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [Alias("KasmUrl")]
        public string? StartUrl { get; set; }

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

        internal override Type[] PipedTypes => new[] { typeof(KasmImage), typeof(KasmUser) };

        // Each session waited for in parallel gets a progress bar of its own (one at a time, always activity 1).
        private int _activity;

        /// <summary>Requests one session.</summary>
        protected override void ProcessItem()
        {
            // Names are resolved first (reads only), so an unknown or ambiguous one fails before request_kasm is sent.
            Guid imageId = ImageId, userId = UserId;
            // Names from the command line, else from a piped workspace or user (the one whose id bound), else the id.
            var pipedImage = Piped<KasmImage>();
            var pipedUser = Piped<KasmUser>();
            string? imageName = ImageName ?? (pipedImage != null && pipedImage.ImageId == ImageId ? pipedImage.FriendlyName : null);
            string imageText = imageName ?? ImageId.ToString();
            string userText = UserName ?? (pipedUser != null && pipedUser.UserId == UserId ? pipedUser.UserName : null) ?? UserId.ToString();
            object target = (object?)ImageName ?? ImageId;
            if (ImageName != null || UserName != null)
            {
                bool resolved = TryInOrder(target, () =>
                {
                    var client = Client;
                    if (ImageName != null)
                    {
                        var image = ImageNamed(client, ImageName);
                        imageId = image.ImageId;
                        imageName = image.FriendlyName ?? ImageName;
                    }
                    if (UserName != null) userId = UserNamed(client, UserName).UserId;
                });
                if (!resolved) return;
            }
            if (!ShouldProcess($"workspace {imageText} for user {userText}", "Start Kasm session")) return;
            // Locals only: with -ThrottleLimit the request runs on a worker thread after the next record rebinds the parameters.
            bool sharing = EnableSharing, wait = Wait;
            string? startUrl = StartUrl;
            var environment = Environment;
            var timeout = TimeSpan.FromSeconds(WaitTimeoutSec);
            var interval = TimeSpan.FromSeconds(PollIntervalSec);
            int activity = ThrottleLimit > 1 ? ++_activity : 1;
            string activityText = $"Workspace {imageText}";
            Send(target, (c, cancel) => c.StartSession(imageId, userId, sharing, startUrl, environment, wait, timeout, interval,
                    (session, p) =>
                    {
                        var record = new ProgressRecord(activity, "Starting Kasm session", p.Message ?? $"Session {session.KasmId}: {p.Status}")
                        {
                            CurrentOperation = p.Status,
                        };
                        if (p.Percent is int percent) record.PercentComplete = Math.Max(0, Math.Min(100, percent));
                        OnPipelineThread(() => WriteProgress(record));
                    }, cancel, imageName),
                WriteObject,
                after: () =>
                {
                    if (wait) WriteProgress(new ProgressRecord(activity, "Starting Kasm session", activityText) { RecordType = ProgressRecordType.Completed });
                });
        }
    }
}
