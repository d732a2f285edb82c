using System.Management.Automation;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Stops a group's members launching a workspace (remove_images_group).</para>
    /// <para type="description">Removes the workspace from the group. Members who get it through another group keep it; running sessions go on. Give the group by -GroupName or a piped group, and the workspace by -ImageName or a piped workspace (or pipe the KasmGroupImage rows of Get-KasmGroupImage). Needs Groups Modify.</para>
    /// <example><code>Remove-KasmGroupImage -GroupName Ops -ImageName Terminal -Confirm:$false</code><para>Takes Terminal away from the Ops group.</para></example>
    /// <example><code>Get-KasmGroupImage Ops | Remove-KasmGroupImage -WhatIf</code><para>Shows what would be taken away from a group.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "KasmGroupImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveKasmGroupImageCommand : KasmGroupImageCmdlet
    {
        internal override bool Adds => false;
    }
}
