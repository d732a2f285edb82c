using System;
using System.Management.Automation;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets a session's share id (get_kasm_share_id).</para>
    /// <para type="description">Outputs the session's KasmSessionShare: its share id, or an empty ShareId when the session is not shared. get_kasm_share_id needs the owner's user id: a piped session brings it, and without -UserId the owner is looked up with get_kasm (Sessions View). The key needs User and Users Auth Session; read-only keys may call it.</para>
    /// <example><code>$s = New-KasmSession -ImageName Chrome -UserName user@kasm.local; $s | Get-KasmSessionShare</code><para>Shows whether a session is shared.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmSessionShare")]
    [OutputType(typeof(KasmSessionShare))]
    public sealed class GetKasmSessionShareCommand : KasmApiCmdlet
    {
        /// <summary>The session; binds from a piped session.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("SessionId", "kasm_id")]
        [ArgumentCompleter(typeof(KasmSessionIdCompleter))]
        public Guid KasmId { get; set; }

        /// <summary>The session's owner; looked up with get_kasm (Sessions View) when not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("user_id", "OwnerId")]
        public Guid? UserId { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmSession), typeof(KasmSessionShare) };

        /// <summary>Writes one session's share id.</summary>
        protected override void ProcessItem() =>
            Try(KasmId, () => WriteObject(Client.GetOrCreateShare(KasmId, UserId, create: false, Cancellation)));
    }
}
