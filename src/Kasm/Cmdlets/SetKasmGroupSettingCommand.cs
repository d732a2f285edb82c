using System;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Sets a group setting (add_settings_group or update_settings_group).</para>
    /// <para type="description">Reads the group's settings (get_settings_group), checks -Value against the setting's type (a value of the wrong type is an error and nothing is changed), and sends add_settings_group when the group has not set the setting yet, update_settings_group when it has: Kasm refuses an add of a setting the group has and an update of one it lacks. A bool takes $true/$false or 'true'/'false'; int a whole number; float a number; json JSON text, a hashtable, an object or a list (sent as JSON text); string text. Some settings (allow_kasm_sharing, usage_limit, inject_ssh_keys) need a licence that allows them. Piped KasmGroupSetting rows bind their group, name and value, so the settings of one group can be copied to another with -GroupName. Needs Groups Modify and Groups View. Outputs nothing unless -PassThru.</para>
    /// <example><code>Set-KasmGroupSetting -GroupName Ops -Name max_kasms_per_user -Value 5 -Confirm:$false -PassThru</code><para>Lets the members of a group have five sessions at once.</para></example>
    /// <example><code>Set-KasmGroupSetting Ops allow_kasm_pause $true -Confirm:$false</code><para>Lets the members of a group pause their sessions.</para></example>
    /// <example><code>Get-KasmGroupSetting Ops | Where-Object IsSet | Set-KasmGroupSetting -GroupName 'All Users' -WhatIf</code><para>Shows what copying a group's changed settings to another group would do.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "KasmGroupSetting", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "ById")]
    [OutputType(typeof(KasmGroupSetting))]
    public sealed class SetKasmGroupSettingCommand : KasmGroupActionCmdlet
    {
        /// <summary>The setting's name, such as max_kasms_per_user (exact); binds from a piped KasmGroupSetting.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmGroupSettingNameCompleter))]
        public string? Name { get; set; }

        /// <summary>The new value, of the setting's type; binds from a piped KasmGroupSetting.</summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public object? Value { get; set; }

        /// <summary>Outputs the changed setting.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmGroup), typeof(KasmGroupSetting) };

        internal override string ActionText => $"Set Kasm group setting {Name}";

        internal override string? Refusal() => Value == null ? $"The group setting {Name} needs a value; to go back to the default, use Remove-KasmGroupSetting." : null;

        internal override Func<KasmClient, System.Threading.CancellationToken, object?> Work(Guid groupId)
        {
            (string name, object? value, bool passThru, string? shown) = (Name!, Value, PassThru, ShownGroupName(groupId));
            return (c, cancel) =>
            {
                var setting = c.SetGroupSetting(groupId, shown, name, value, cancel);
                return passThru ? setting : null;
            };
        }
    }
}
