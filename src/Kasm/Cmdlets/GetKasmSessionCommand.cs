using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Models;

using Kasm.Cmdlets.Completion;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets live sessions (get_kasms).</para>
    /// <para type="description">Lists every live session, or those with the given -KasmId, of the user given by -UserId or -UserName, or of the workspace given by -ImageId; the filters combine. Piped users and workspaces narrow the list to their sessions. The API has no filter, so the list is fetched once per connection and filtered here; ids match whether the server wrote them with dashes or not. A -KasmId that matches no live session is an error for that id.</para>
    /// <example><code>Get-KasmSession</code><para>Lists all live sessions.</para></example>
    /// <example><code>Get-KasmUser user@kasm.local | Get-KasmSession</code><para>Lists one user's sessions.</para></example>
    /// <example><code>Get-KasmSession -UserName user@kasm.local</code><para>The same by name.</para></example>
    /// <example><code>Get-KasmImage -Name Terminal | Get-KasmSession</code><para>Lists the sessions of one workspace.</para></example>
    /// <example><code>Get-KasmSession | Where-Object StartDate -lt (Get-Date).AddHours(-8).ToUniversalTime() | Remove-KasmSession -Confirm:$false</code><para>Ends sessions older than eight hours.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmSession")]
    [OutputType(typeof(KasmSession))]
    public sealed class GetKasmSessionCommand : KasmApiCmdlet
    {
        /// <summary>Session ids, dashed or 32-hex.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("SessionId", "kasm_id")]
        [ArgumentCompleter(typeof(KasmSessionIdCompleter))]
        public Guid[]? KasmId { get; set; }

        /// <summary>Only this user's sessions; binds from a piped user.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("user_id")]
        public Guid? UserId { get; set; }

        /// <summary>Only the sessions of the user with this name; an unknown name is an error that lists the candidates.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmUserNameCompleter))]
        public string? UserName { get; set; }

        /// <summary>Only sessions of this workspace; binds from a piped workspace.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("image_id")]
        public Guid? ImageId { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmSession), typeof(KasmUser), typeof(KasmImage) };

        /// <summary>Writes the matching sessions.</summary>
        protected override void ProcessItem()
        {
            if (UserName != null && UserId.HasValue)
            {
                WriteError(InvalidArgument("Give -UserName or -UserId (or pipe a user), not both: they could name different users.", UserName));
                return;
            }
            object? target = (object?)KasmId ?? (object?)UserName ?? (object?)UserId ?? ImageId;
            Try(target, () =>
            {
                var client = Client;
                bool filtered = KasmId != null || UserId != null || UserName != null || ImageId != null;
                // A record without ids (any module object binds -Connection) lists all sessions, once per connection.
                if (!filtered && !FirstListing(client)) return;
                Guid? userId = UserId;
                // The name must name a user (exact match; unknown or ambiguous names fail, listing the candidates).
                if (UserName != null) userId = UserNamed(client, UserName).UserId;
                // One get_kasms per connection for the whole pipeline: piping a thousand users costs one call.
                var sessions = ListOnce(client, c => c.GetSessions(Cancellation));
                var wanted = KasmId == null ? null : new HashSet<Guid>(KasmId);
                foreach (var s in sessions)
                {
                    if (userId.HasValue && s.UserId != userId) continue;
                    if (ImageId.HasValue && s.ImageId != ImageId) continue;
                    if (wanted != null && !wanted.Remove(s.KasmId)) continue;
                    WriteObject(s);
                }
                foreach (var missing in wanted ?? Enumerable.Empty<Guid>())
                    WriteError(ItemNotFound($"No live session has the id {missing}.", missing));
            });
        }
    }
}
