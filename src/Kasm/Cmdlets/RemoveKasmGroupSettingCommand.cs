using System;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Puts a group setting back to its default (remove_settings_group).</para>
    /// <para type="description">Reads the group's settings (get_settings_group) and removes the group's own value of the setting, so the default (or what the user's other groups say) applies again. A setting the group has not set is left alone, with a verbose message. Piped KasmGroupSetting rows bind their group and name. Needs Groups Modify and Groups View.</para>
    /// <example><code>Remove-KasmGroupSetting -GroupName Ops -Name max_kasms_per_user -Confirm:$false</code><para>Puts a group's session limit back to the default.</para></example>
    /// <example><code>Get-KasmGroupSetting Ops | Where-Object IsSet | Remove-KasmGroupSetting -WhatIf</code><para>Shows which settings of a group would go back to their defaults.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "KasmGroupSetting", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "ById")]
    [OutputType(typeof(void))]
    public sealed class RemoveKasmGroupSettingCommand : KasmGroupActionCmdlet
    {
        /// <summary>The setting's name, such as max_kasms_per_user (exact); binds from a piped KasmGroupSetting.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmGroupSettingNameCompleter))]
        public string? Name { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmGroup), typeof(KasmGroupSetting) };

        internal override string ActionText => $"Reset Kasm group setting {Name} to its default";

        internal override Func<KasmClient, System.Threading.CancellationToken, object?> Work(Guid groupId)
        {
            (string name, string? shown) = (Name!, ShownGroupName(groupId));
            return (c, cancel) =>
            {
                if (!c.RemoveGroupSetting(groupId, shown, name, cancel))
                    OnPipelineThread(() => WriteVerbose($"The group has not set {name}; nothing to remove."));
                return null;
            };
        }
    }
}
