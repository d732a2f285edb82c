using System;
using System.Management.Automation;
using Kasm.Client;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Resumes a paused or stopped session (resume_kasm).</para>
    /// <para type="description">Kasm answers at once and starts the session's container again in the background: the session shows "starting", then "running"; pipe it on to Wait-KasmSession to wait for that. resume_kasm needs the owner's user id: a piped session brings it, and without -UserId the owner is looked up with get_kasm (Sessions View). The key needs User and Users Auth Session (Sessions Modify for other users' sessions). A session that is neither paused nor stopped is an error for that session. A resumed session takes a licence slot again, so a full licence refuses it.</para>
    /// <example><code>Get-KasmSession | Where-Object Status -eq 'paused' | Resume-KasmSession -Confirm:$false</code><para>Resumes every paused session.</para></example>
    /// <example><code>$s = New-KasmSession -ImageName Terminal -UserName user@kasm.local -Wait; $s | Resume-KasmSession -WhatIf</code><para>Shows what would be resumed, sending nothing.</para></example>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Resume, "KasmSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "ById")]
    [OutputType(typeof(void))]
    public sealed class ResumeKasmSessionCommand : KasmSessionActionCmdlet
    {
        internal override string ActionText => "Resume Kasm session";

        internal override Func<KasmClient, System.Threading.CancellationToken, object?> Work(Guid kasmId, Guid? userId) =>
            (client, cancel) => { client.ChangeSessionState(KasmEndpoints.ResumeKasm, kasmId, userId, cancel); return null; };
    }
}
