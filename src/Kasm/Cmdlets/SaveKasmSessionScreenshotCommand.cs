using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Saves a JPEG screenshot of a session's desktop (get_kasm_screenshot).</para>
    /// <para type="description">Asks Kasm for a picture of the running session's desktop and writes the JPEG bytes as Kasm sent them to -Path, replacing a file that is there. When -Path is an existing folder, each session's picture goes to &lt;KasmId&gt;.jpg in it, so piping many sessions keeps them apart. When -Path names one file and several sessions are piped, the first session's picture is saved there and each later session is an error (KasmInvalidArgument) before anything is asked of Kasm for it, so no picture overwrites another: give a folder to save them all. The picture keeps the desktop's aspect ratio and fits into -Width × -Height (default 300 × 300), so one side is usually smaller than asked (Kasm 1.15 swaps the two, which the module undoes for a 1.15 server). The frame may be old when no browser is viewing the session. Kasm has no picture of a session that is not running, or is not the given user's (KasmNotFound). get_kasm_screenshot needs the owner's user id: a piped session brings it, and without -UserId the owner is looked up with get_kasm (Sessions View). The key needs User and Users Auth Session; read-only keys may call it. Outputs the file (FileInfo).</para>
    /// <example><code>$s = New-KasmSession -ImageName Chrome -UserName user@kasm.local -Wait; $s | Save-KasmSessionScreenshot -Path (Join-Path ([IO.Path]::GetTempPath()) 'chrome.jpg') -Width 1280 -Height 720</code><para>Starts a session and saves a 1280 × 720 picture of it.</para></example>
    /// <example><code>Get-KasmSession | Where-Object Status -eq 'running' | Save-KasmSessionScreenshot -Path ([IO.Path]::GetTempPath())</code><para>Saves a picture of every running session into a folder, one file per session.</para></example>
    /// </summary>
    [Cmdlet(VerbsData.Save, "KasmSessionScreenshot", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(FileInfo))]
    public sealed class SaveKasmSessionScreenshotCommand : KasmBulkCmdlet
    {
        /// <summary>The session; binds from a piped session.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("SessionId", "kasm_id")]
        [ArgumentCompleter(typeof(KasmSessionIdCompleter))]
        public Guid KasmId { get; set; }

        /// <summary>The session's owner; looked up with get_kasm (Sessions View) when not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("user_id")]
        public Guid? UserId { get; set; }

        /// <summary>The file to write, or an existing folder to write &lt;KasmId&gt;.jpg into. Its folder must exist. One file takes one session's picture: a second session piped to the same file is an error, nothing sent for it.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>The widest the picture may be, in pixels (default 300).</summary>
        [Parameter]
        [ValidateRange(1, 16384)]
        public int Width { get; set; } = 300;

        /// <summary>The tallest the picture may be, in pixels (default 300).</summary>
        [Parameter]
        [ValidateRange(1, 16384)]
        public int Height { get; set; } = 300;

        internal override Type[] PipedTypes => new[] { typeof(KasmSession) };

        /// <summary>The files this command has written to (or is writing), so a second session never overwrites the first.</summary>
        private readonly HashSet<string> _files = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>Saves one session's picture.</summary>
        protected override void ProcessItem()
        {
            string target = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (Directory.Exists(target)) target = System.IO.Path.Combine(target, KasmId.ToString() + ".jpg");
            string? folder = System.IO.Path.GetDirectoryName(target);
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
            {
                WriteErrorInOrder(InvalidArgument($"The folder of -Path '{Path}' does not exist; nothing was asked of Kasm.", KasmId));
                return;
            }
            if (_files.Contains(target))
            {
                WriteErrorInOrder(InvalidArgument($"-Path '{Path}' names one file, which already takes another session's picture; nothing was asked of Kasm for session {KasmId}. Give a folder to save one <KasmId>.jpg per session.", KasmId));
                return;
            }
            if (!ShouldProcess(target, $"Save a screenshot of Kasm {SessionTarget(KasmId)}")) return;
            _files.Add(target);
            (Guid kasmId, Guid? userId, int width, int height, string file) = (KasmId, UserId, Width, Height, target);
            Send(kasmId, (c, cancel) =>
            {
                byte[] jpeg = c.GetScreenshot(kasmId, userId, width, height, cancel);
                try
                {
                    File.WriteAllBytes(file, jpeg);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    return (object)new ErrorRecord(ex, "KasmOutFileFailed", ErrorCategory.WriteError, file);
                }
                return new FileInfo(file);
            }, saved =>
            {
                if (saved is ErrorRecord failed) WriteError(failed);
                else WriteObject(saved);
            });
        }
    }
}
