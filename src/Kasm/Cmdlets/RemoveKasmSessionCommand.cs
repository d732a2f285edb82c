using System;
using System.Management.Automation;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Ends a session (destroy_kasm).</para>
    /// <para type="description">Kasm deletes the session in the background; the id is rejected once it is gone. The owner's -UserId is needed unless the API key holds Sessions Delete; a piped session brings both. Because this ends a user's work it asks for confirmation by default: use -Confirm:$false in scripts.</para>
    /// <example><code>Get-KasmSession | Where-Object UserName -eq 'alice@example.com' | Remove-KasmSession -Confirm:$false</code><para>Ends all of a user's sessions without asking.</para></example>
    /// <example><code>Remove-KasmSession -KasmId $s.KasmId -UserId $s.UserId -WhatIf</code><para>Shows what would be ended.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "KasmSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveKasmSessionCommand : KasmApiCmdlet
    {
        /// <summary>The session to end; binds from a piped session.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("SessionId", "kasm_id")]
        public Guid KasmId { get; set; }

        /// <summary>The session's owner (needed unless the key holds Sessions Delete).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("user_id")]
        public Guid? UserId { get; set; }

        /// <summary>Ends one session.</summary>
        protected override void ProcessRecord()
        {
            if (!ShouldProcess($"session {KasmId}", "End Kasm session")) return;
            Try(KasmId, () => Client.DestroySession(KasmId, UserId, Cancellation));
        }
    }
}
