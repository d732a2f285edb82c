using System.Management.Automation;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Lets a group's members launch a workspace (add_images_group).</para>
    /// <para type="description">Assigns the workspace to the group. Give the group by -GroupName or a piped group, and the workspace by -ImageName or a piped workspace. Needs Groups Modify.</para>
    /// <example><code>Add-KasmGroupImage -GroupName Ops -ImageName Chrome -Confirm:$false</code><para>Lets the Ops group launch Chrome.</para></example>
    /// <example><code>Get-KasmImage -Name Firefox, Brave | Add-KasmGroupImage -GroupName Ops -Confirm:$false</code><para>Assigns several workspaces to a group.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "KasmGroupImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(void))]
    public sealed class AddKasmGroupImageCommand : KasmGroupImageCmdlet
    {
        internal override bool Adds => true;
    }
}
