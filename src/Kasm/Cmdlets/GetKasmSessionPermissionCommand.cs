using System;
using System.Management.Automation;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets who other than the owner may view or control a session (get_session_permissions).</para>
    /// <para type="description">Outputs a KasmSessionPermission for each user who holds a permission on the session: their name, and Access (View, Control, or both, from Kasm's access letters, which AccessText keeps as they came). Give a session (-KasmId, or pipe sessions), a user (-UserId, -UserName, or pipe users), or both. A piped session's UserId is its owner, so it does not filter. Needs Sessions View; read-only keys may call it.</para>
    /// <example><code>$s = New-KasmSession -ImageName Chrome -UserName user@kasm.local; $s | Grant-KasmSessionPermission -UserName admin@kasm.local -Access View -Confirm:$false | Out-Null; $s | Get-KasmSessionPermission</code><para>Lets the admin watch a user's session, then lists who may view or control it.</para></example>
    /// <example><code>Get-KasmSessionPermission -UserName admin@kasm.local</code><para>Lists the sessions a user may view or control.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmSessionPermission")]
    [OutputType(typeof(KasmSessionPermission))]
    public sealed class GetKasmSessionPermissionCommand : KasmApiCmdlet
    {
        /// <summary>The session; binds from a piped session or permission.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("SessionId", "kasm_id")]
        [ArgumentCompleter(typeof(KasmSessionIdCompleter))]
        public Guid? KasmId { get; set; }

        /// <summary>The user; binds from a piped user or permission (a piped session's UserId is its owner and is not used).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("user_id")]
        public Guid? UserId { get; set; }

        /// <summary>The user, by name (exact match; an unknown name is an error before anything is sent).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmUserNameCompleter))]
        public string? UserName { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmSession), typeof(KasmUser), typeof(KasmSessionPermission) };

        /// <summary>Writes the permissions one record asks for.</summary>
        protected override void ProcessItem()
        {
            object? target = (object?)KasmId ?? (object?)UserName ?? UserId;
            Try(target, () =>
            {
                var client = Client;
                Guid? userId = UserId;
                if (Piped<KasmSession>() != null && !IsOnCommandLine(nameof(UserId))) userId = null;
                if (UserName != null) userId = UserNamed(client, UserName).UserId;
                foreach (var permission in client.GetSessionPermissions(KasmId, userId, Cancellation)) WriteObject(permission);
            });
        }
    }
}
