using System;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets a group's settings (get_settings_group).</para>
    /// <para type="description">Outputs one KasmGroupSetting per setting Kasm knows, with the group's value where the group has set one (IsSet true) and the default otherwise. Value is typed from ValueType: bool, a whole number (int), a number (float), parsed JSON (json) or text. -Name picks settings by name (wildcards allowed; a name without wildcards that matches nothing is a KasmItemNotFound error). Where a user's groups disagree, the group with the lowest Priority wins. Needs Groups View.</para>
    /// <example><code>Get-KasmGroupSetting Ops | Where-Object IsSet</code><para>Shows the settings a group has changed from the defaults.</para></example>
    /// <example><code>Get-KasmGroup | Get-KasmGroupSetting -Name max_kasms_per_user | Select-Object GroupName, Value</code><para>Shows how many sessions the members of each group may have.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmGroupSetting", DefaultParameterSetName = "ById")]
    [OutputType(typeof(KasmGroupSetting))]
    public sealed class GetKasmGroupSettingCommand : KasmGroupActionCmdlet
    {
        /// <summary>Setting names to match; wildcards allowed.</summary>
        [Parameter(Position = 1)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmGroupSettingNameCompleter))]
        public string[]? Name { get; set; }

        internal override string ActionText => "Read Kasm group settings";

        internal override Func<KasmClient, System.Threading.CancellationToken, object?> Work(Guid groupId)
        {
            var filter = new NameFilter(Name);
            string? shown = ShownGroupName(groupId);
            return (c, cancel) =>
            {
                var results = new System.Collections.Generic.List<object>();
                foreach (var setting in c.GetGroupSettings(groupId, shown, cancel))
                    if (filter.Matches(setting.Name)) results.Add(setting);
                foreach (var missing in filter.UnmatchedLiterals)
                    results.Add(ItemNotFound($"No group setting has the name '{missing}'.", missing));
                return results;
            };
        }
    }
}
