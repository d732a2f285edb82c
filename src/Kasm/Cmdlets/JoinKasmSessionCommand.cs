using System;
using System.Management.Automation;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Joins a shared session as a viewer (join_kasm), and outputs the viewer's link.</para>
    /// <para type="description">Gives a user (-UserId or -UserName), or, with neither, a new anonymous user Kasm makes, a login to the running session that has the share id, and outputs a KasmSessionJoin: the viewer, the session's owner, and KasmUrl, the browser link that opens the shared session as that viewer. KasmUrl and SessionToken are credentials (the link logs the viewer in): they stay out of the default view; hand KasmUrl over as you would a password. Viewers watch only, unless the owner's group allows full control. An unknown share id, or a session that is not running, is an error for that item. The key needs User (and Users Auth Session to join as a named user); read-only keys may call it. Never resent: each join makes a new login.</para>
    /// <example><code>Get-KasmSession | Where-Object ShareId | Get-KasmSessionShare | Join-KasmSession -UserName admin@kasm.local -Confirm:$false</code><para>Lets admin@kasm.local watch every shared session; each output's KasmUrl opens one.</para></example>
    /// <example><code>Join-KasmSession -ShareId 1a2b3c4d -WhatIf</code><para>Shows what would be joined, sending nothing.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Join, "KasmSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = "ById")]
    [OutputType(typeof(KasmSessionJoin))]
    public sealed class JoinKasmSessionCommand : KasmApiCmdlet
    {
        /// <summary>The share id (8 hex digits); binds from a piped KasmSessionShare.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidatePattern("^[0-9A-Fa-f]{1,64}$")]
        [Alias("share_id")]
        public string? ShareId { get; set; }

        /// <summary>The viewer; binds from a piped user. With neither this nor -UserName, Kasm makes an anonymous viewer.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true, ParameterSetName = "ById")]
        [Alias("user_id")]
        public Guid? UserId { get; set; }

        /// <summary>The viewer, by name; an unknown name is an error before anything is sent.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "ByUserName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmUserNameCompleter))]
        public string? UserName { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmSessionShare), typeof(KasmUser) };

        /// <summary>Joins one shared session.</summary>
        protected override void ProcessItem()
        {
            string viewer = UserName ?? (UserId.HasValue ? UserId.Value.ToString() : "a new anonymous user");
            if (!ShouldProcess($"shared session {ShareId} as {viewer}", "Join Kasm session")) return;
            Try(ShareId, () =>
            {
                var client = Client;
                Guid? userId = UserName != null ? UserNamed(client, UserName).UserId : UserId;
                WriteObject(client.JoinSession(ShareId!, userId, Cancellation));
            });
        }
    }
}
