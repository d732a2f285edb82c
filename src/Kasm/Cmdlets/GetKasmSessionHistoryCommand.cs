using System;
using System.Management.Automation;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets the session history: one row per session, live or ended (get_session_history).</para>
    /// <para type="description">Outputs a KasmSessionHistoryEntry for each session Kasm keeps an accounting row for, newest first: who ran which workspace, when it was created and destroyed, why it ended, and the hours of use. Filter by session (-KasmId, or pipe sessions), by user (-UserId, -UserName, or pipe users) and by creation time (-After, -Before). Kasm answers in pages; the cmdlet asks for page after page (-PageSize rows each) and writes each page as it arrives, so Select-Object -First sends no further page. Pipe an entry to Get-KasmSessionRecording for that session's recordings. Needs Sessions View; read-only keys may call it.</para>
    /// <example><code>Get-KasmSessionHistory | Select-Object -First 5</code><para>The five most recent sessions; only the first page is asked for.</para></example>
    /// <example><code>Get-KasmSessionHistory -UserName user@kasm.local -After (Get-Date).AddDays(-30) | Measure-Object UsageHours -Sum</code><para>A user's hours of use in the last thirty days.</para></example>
    /// <example><code>Get-KasmSessionHistory -KasmId e1f2a3b4c5d64e7f8091a2b3c4d5e6f7 | Get-KasmSessionRecording</code><para>Lists the recordings of a past session found in the history.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmSessionHistory")]
    [OutputType(typeof(KasmSessionHistoryEntry))]
    public sealed class GetKasmSessionHistoryCommand : KasmApiCmdlet
    {
        /// <summary>Only this session's row; binds from a piped session or history entry.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("SessionId", "kasm_id")]
        [ArgumentCompleter(typeof(KasmSessionIdCompleter))]
        public Guid? KasmId { get; set; }

        /// <summary>Only this user's sessions; binds from a piped user or session.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("user_id")]
        public Guid? UserId { get; set; }

        /// <summary>Only this user's sessions, by name (exact match; an unknown name is an error before the history is asked for).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmUserNameCompleter))]
        public string? UserName { get; set; }

        /// <summary>Only sessions created at or after this time (local time unless the value says otherwise).</summary>
        [Parameter]
        public DateTime? After { get; set; }

        /// <summary>Only sessions created at or before this time.</summary>
        [Parameter]
        public DateTime? Before { get; set; }

        /// <summary>Rows asked for per request (default 100).</summary>
        [Parameter]
        [ValidateRange(1, 1000)]
        public int PageSize { get; set; } = 100;

        internal override Type[] PipedTypes => new[] { typeof(KasmSession), typeof(KasmUser), typeof(KasmSessionHistoryEntry) };

        /// <summary>Writes the rows one record asks for.</summary>
        protected override void ProcessItem()
        {
            object? target = (object?)KasmId ?? (object?)UserName ?? UserId;
            Try(target ?? "session history", () =>
            {
                var client = Client;
                Guid? userId = UserId;
                if (UserName != null) userId = UserNamed(client, UserName).UserId;
                foreach (var entry in client.GetSessionHistory(KasmId, userId, After, Before, PageSize,
                    (seen, total) => WriteWarning($"The session history ended after {seen} of the {total} rows Kasm counted (its pages brought nothing new)."), Cancellation))
                    WriteObject(entry);
            });
        }
    }
}
