using System;
using System.Collections.Generic;

namespace Kasm.Client
{
    /// <summary>
    /// Which cmdlets call each method of the endpoint table, for the README's table of covered methods (build.ps1 -Task
    /// ApiTable writes it; a test fails when the README, this map or the endpoint table disagree). A method reached as a
    /// helper step (get_kasm for an owner look-up, get_users for -UserName) names the cmdlets that take that step; an
    /// entry is a cmdlet, or a cmdlet and the parameter that makes it call the method.
    /// </summary>
    internal static class KasmEndpointCmdlets
    {
        private static readonly Dictionary<string, string[]> Map = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["request_kasm"] = new[] { "New-KasmSession" },
            ["get_kasm_status"] = new[] { "Get-KasmSessionStatus", "Wait-KasmSession", "New-KasmSession -Wait" },
            ["get_kasms"] = new[] { "Get-KasmSession", "Remove-KasmSession -UserName", "Suspend-KasmSession -UserName", "Resume-KasmSession -UserName", "Stop-KasmSession -UserName", "Enable-KasmSessionSharing -UserName", "Disable-KasmSessionSharing -UserName", "Send-KasmSessionKeepalive -PassThru" },
            // The owner look-up of the cmdlets that need a session's user_id and were not given it.
            ["get_kasm"] = new[] { "Remove-KasmSession", "Suspend-KasmSession", "Resume-KasmSession", "Stop-KasmSession", "Get-KasmSessionStatus", "Wait-KasmSession", "Invoke-KasmSessionCommand", "Save-KasmSessionScreenshot", "Enable-KasmSessionSharing", "Disable-KasmSessionSharing", "Get-KasmSessionShare" },
            // 1.15's ambiguous status answers are settled from the owner's list.
            ["get_user_kasms"] = new[] { "New-KasmSession -Wait", "Get-KasmSessionStatus", "Wait-KasmSession" },
            ["destroy_kasm"] = new[] { "Remove-KasmSession" },
            ["pause_kasm"] = new[] { "Suspend-KasmSession" },
            ["resume_kasm"] = new[] { "Resume-KasmSession" },
            ["stop_kasm"] = new[] { "Stop-KasmSession" },
            ["keepalive"] = new[] { "Send-KasmSessionKeepalive" },
            ["create_kasm_share_id"] = new[] { "Enable-KasmSessionSharing" },
            ["get_kasm_share_id"] = new[] { "Get-KasmSessionShare" },
            ["delete_kasm_share_id"] = new[] { "Disable-KasmSessionSharing" },
            ["join_kasm"] = new[] { "Join-KasmSession" },
            ["exec_command_kasm"] = new[] { "Invoke-KasmSessionCommand" },
            ["get_kasm_screenshot"] = new[] { "Save-KasmSessionScreenshot" },
            ["get_images"] = new[] { "Get-KasmImage", "Set-KasmImage", "New-KasmSession -ImageName", "Set-KasmUserAttribute -DefaultImageName", "Add-KasmGroupImage -ImageName", "Remove-KasmGroupImage -ImageName", "Remove-KasmImage -ImageName" },
            ["update_image"] = new[] { "Set-KasmImage" },
            ["create_image"] = new[] { "New-KasmImage" },
            ["delete_image"] = new[] { "Remove-KasmImage" },
            ["get_users"] = new[] { "Get-KasmUser", "Set-KasmUser", "Get-KasmSession -UserName", "New-KasmSession -UserName", "Remove-KasmSession -UserName", "Suspend-KasmSession -UserName", "Resume-KasmSession -UserName", "Stop-KasmSession -UserName", "Enable-KasmSessionSharing -UserName", "Disable-KasmSessionSharing -UserName", "Join-KasmSession -UserName", "Remove-KasmUser -UserName", "Revoke-KasmUserLogin -UserName", "Get-KasmUserLoginLink -UserName", "Get-KasmUserAttribute -UserName", "Set-KasmUserAttribute -UserName", "Add-KasmGroupMember -UserName", "Remove-KasmGroupMember -UserName" },
            ["get_user"] = new[] { "Get-KasmUser -UserId", "Set-KasmUser" },
            ["create_user"] = new[] { "New-KasmUser" },
            ["update_user"] = new[] { "Set-KasmUser" },
            ["delete_user"] = new[] { "Remove-KasmUser" },
            ["logout_user"] = new[] { "Revoke-KasmUserLogin" },
            ["get_login"] = new[] { "Get-KasmUserLoginLink" },
            ["get_attributes"] = new[] { "Get-KasmUserAttribute", "Set-KasmUserAttribute -PassThru" },
            ["update_user_attributes"] = new[] { "Set-KasmUserAttribute" },
            ["get_groups"] = new[] { "Get-KasmGroup", "Set-KasmGroup", "Remove-KasmGroup -GroupName", "Get-KasmGroupMember -GroupName", "Add-KasmGroupMember -GroupName", "Remove-KasmGroupMember -GroupName", "Get-KasmGroupImage -GroupName", "Add-KasmGroupImage -GroupName", "Remove-KasmGroupImage -GroupName" },
            ["create_group"] = new[] { "New-KasmGroup" },
            ["update_group"] = new[] { "Set-KasmGroup" },
            ["delete_group"] = new[] { "Remove-KasmGroup" },
            ["get_users_group"] = new[] { "Get-KasmGroupMember" },
            ["get_images_group"] = new[] { "Get-KasmGroupImage" },
            ["add_images_group"] = new[] { "Add-KasmGroupImage" },
            ["remove_images_group"] = new[] { "Remove-KasmGroupImage" },
            ["add_user_group"] = new[] { "Add-KasmGroupMember" },
            ["remove_user_group"] = new[] { "Remove-KasmGroupMember" },
            ["get_zones"] = new[] { "Get-KasmZone" },
            ["get_servers"] = new[] { "Get-KasmServer" },
            ["get_licenses"] = new[] { "Get-KasmLicense" },
            ["get_api_configs"] = new[] { "Get-KasmApiKey" },
            ["get_settings"] = new[] { "Get-KasmSetting" },
            ["system_info"] = new[] { "Get-KasmSystemInfo", "Connect-Kasm" },
            ["get_storage_providers"] = new[] { "Get-KasmStorageProvider", "Remove-KasmStorageProvider -Name" },
            ["delete_storage_provider"] = new[] { "Remove-KasmStorageProvider" },
            ["create_storage_provider"] = new[] { "New-KasmStorageProvider" },
        };

        /// <summary>The cmdlets that call <paramref name="method"/>, or an empty list.</summary>
        public static string[] Of(string method) => Map.TryGetValue(method, out var cmdlets) ? cmdlets : new string[0];

        /// <summary>The methods the map names.</summary>
        public static IEnumerable<string> Methods => Map.Keys;
    }
}
