using System.Linq;
using System;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets the workspaces a group's members may launch (get_images_group).</para>
    /// <para type="description">Outputs one KasmGroupImage per workspace assigned to the group. A user may launch a workspace assigned to any of their groups. Needs Groups View.</para>
    /// <example><code>Get-KasmGroupImage Ops</code><para>Lists the workspaces of a group.</para></example>
    /// <example><code>Get-KasmGroup | Get-KasmGroupImage | Group-Object ImageName | Select-Object Name, Count</code><para>Shows how many groups each workspace is assigned to.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmGroupImage", DefaultParameterSetName = "ById")]
    [OutputType(typeof(KasmGroupImage))]
    public sealed class GetKasmGroupImageCommand : KasmGroupActionCmdlet
    {
        internal override string ActionText => "Read Kasm group workspaces";

        internal override Func<KasmClient, System.Threading.CancellationToken, object?> Work(Guid groupId) =>
            (c, cancel) => c.GetGroupImages(groupId, cancel).ToList();
    }
}
