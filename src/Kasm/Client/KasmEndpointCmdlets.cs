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
            ["get_kasms"] = new[] { "Get-KasmSession", "Remove-KasmSession -UserName", "Suspend-KasmSession -UserName", "Resume-KasmSession -UserName", "Stop-KasmSession -UserName", "Enable-KasmSessionSharing -UserName", "Disable-KasmSessionSharing -UserName", "Send-KasmSessionKeepalive -PassThru", "Test-KasmApiKey" },
            // The owner look-up of the cmdlets that need a session's user_id and were not given it.
            ["get_kasm"] = new[] { "Remove-KasmSession", "Suspend-KasmSession", "Resume-KasmSession", "Stop-KasmSession", "Get-KasmSessionStatus", "Wait-KasmSession", "Invoke-KasmSessionCommand", "Save-KasmSessionScreenshot", "Enable-KasmSessionSharing", "Disable-KasmSessionSharing", "Get-KasmSessionShare", "Test-KasmApiKey" },
            // 1.15's ambiguous status answers are settled from the owner's list.
            ["get_user_kasms"] = new[] { "New-KasmSession -Wait", "Get-KasmSessionStatus", "Wait-KasmSession", "Test-KasmApiKey" },
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
            ["get_images"] = new[] { "Get-KasmImage", "Set-KasmImage", "New-KasmSession -ImageName", "Set-KasmUserAttribute -DefaultImageName", "Add-KasmGroupImage -ImageName", "Remove-KasmGroupImage -ImageName", "Remove-KasmImage -ImageName", "Get-KasmStorageMapping -ImageName", "New-KasmStorageMapping -ImageName", "Test-KasmApiKey" },
            ["update_image"] = new[] { "Set-KasmImage", "Test-KasmApiKey" },
            ["create_image"] = new[] { "New-KasmImage", "Test-KasmApiKey" },
            ["delete_image"] = new[] { "Remove-KasmImage", "Test-KasmApiKey" },
            ["get_users"] = new[] { "Get-KasmUser", "Set-KasmUser", "Get-KasmSession -UserName", "New-KasmSession -UserName", "Remove-KasmSession -UserName", "Suspend-KasmSession -UserName", "Resume-KasmSession -UserName", "Stop-KasmSession -UserName", "Enable-KasmSessionSharing -UserName", "Disable-KasmSessionSharing -UserName", "Join-KasmSession -UserName", "Remove-KasmUser -UserName", "Revoke-KasmUserLogin -UserName", "Get-KasmUserLoginLink -UserName", "Get-KasmUserAttribute -UserName", "Set-KasmUserAttribute -UserName", "Add-KasmGroupMember -UserName", "Remove-KasmGroupMember -UserName", "Get-KasmSessionHistory -UserName", "Get-KasmStorageMapping -UserName", "New-KasmStorageMapping -UserName", "Test-KasmApiKey" },
            ["get_user"] = new[] { "Get-KasmUser -UserId", "Set-KasmUser", "Test-KasmApiKey" },
            ["create_user"] = new[] { "New-KasmUser", "Test-KasmApiKey" },
            ["update_user"] = new[] { "Set-KasmUser", "Test-KasmApiKey" },
            ["delete_user"] = new[] { "Remove-KasmUser", "Test-KasmApiKey" },
            ["logout_user"] = new[] { "Revoke-KasmUserLogin" },
            ["get_login"] = new[] { "Get-KasmUserLoginLink" },
            ["get_attributes"] = new[] { "Get-KasmUserAttribute", "Set-KasmUserAttribute -PassThru", "Test-KasmApiKey" },
            ["update_user_attributes"] = new[] { "Set-KasmUserAttribute", "Test-KasmApiKey" },
            ["get_groups"] = new[] { "Get-KasmGroup", "Set-KasmGroup", "Remove-KasmGroup -GroupName", "Get-KasmGroupMember -GroupName", "Add-KasmGroupMember -GroupName", "Remove-KasmGroupMember -GroupName", "Get-KasmGroupImage -GroupName", "Add-KasmGroupImage -GroupName", "Remove-KasmGroupImage -GroupName", "Get-KasmGroupSetting -GroupName", "Set-KasmGroupSetting -GroupName", "Remove-KasmGroupSetting -GroupName", "Get-KasmStorageMapping -GroupName", "New-KasmStorageMapping -GroupName", "Test-KasmApiKey" },
            ["create_group"] = new[] { "New-KasmGroup", "Test-KasmApiKey" },
            ["update_group"] = new[] { "Set-KasmGroup", "Test-KasmApiKey" },
            ["delete_group"] = new[] { "Remove-KasmGroup", "Test-KasmApiKey" },
            ["get_users_group"] = new[] { "Get-KasmGroupMember", "Test-KasmApiKey" },
            ["get_images_group"] = new[] { "Get-KasmGroupImage", "Test-KasmApiKey" },
            ["add_images_group"] = new[] { "Add-KasmGroupImage", "Test-KasmApiKey" },
            ["remove_images_group"] = new[] { "Remove-KasmGroupImage", "Test-KasmApiKey" },
            ["add_user_group"] = new[] { "Add-KasmGroupMember", "Test-KasmApiKey" },
            ["remove_user_group"] = new[] { "Remove-KasmGroupMember", "Test-KasmApiKey" },
            ["get_settings_group"] = new[] { "Get-KasmGroupSetting", "Set-KasmGroupSetting", "Remove-KasmGroupSetting", "Test-KasmApiKey" },
            ["add_settings_group"] = new[] { "Set-KasmGroupSetting", "Test-KasmApiKey" },
            ["update_settings_group"] = new[] { "Set-KasmGroupSetting", "Test-KasmApiKey" },
            ["remove_settings_group"] = new[] { "Remove-KasmGroupSetting", "Test-KasmApiKey" },
            ["get_zones"] = new[] { "Get-KasmZone", "Test-KasmApiKey" },
            ["get_servers"] = new[] { "Get-KasmServer", "Test-KasmApiKey" },
            ["get_licenses"] = new[] { "Get-KasmLicense", "Test-KasmApiKey", "Get-KasmSessionRecording" },
            ["get_session_permissions"] = new[] { "Get-KasmSessionPermission", "Test-KasmApiKey" },
            ["set_session_permissions"] = new[] { "Grant-KasmSessionPermission", "Test-KasmApiKey" },
            ["set_all_session_permissions"] = new[] { "Grant-KasmSessionPermission", "Test-KasmApiKey" },
            ["delete_session_permissions"] = new[] { "Revoke-KasmSessionPermission", "Test-KasmApiKey" },
            ["delete_all_session_permissions"] = new[] { "Revoke-KasmSessionPermission", "Test-KasmApiKey" },
            ["get_session_recordings"] = new[] { "Get-KasmSessionRecording", "Test-KasmApiKey" },
            ["get_session_history"] = new[] { "Get-KasmSessionHistory", "Test-KasmApiKey" },
            ["get_api_configs"] = new[] { "Get-KasmApiKey", "Test-KasmApiKey" },
            ["get_settings"] = new[] { "Get-KasmSetting", "Test-KasmApiKey" },
            ["system_info"] = new[] { "Get-KasmSystemInfo", "Connect-Kasm", "Test-KasmApiKey" },
            ["get_storage_providers"] = new[] { "Get-KasmStorageProvider", "Remove-KasmStorageProvider -Name", "Set-KasmStorageProvider", "New-KasmStorageMapping -StorageProviderName", "Test-KasmApiKey" },
            ["delete_storage_provider"] = new[] { "Remove-KasmStorageProvider", "Test-KasmApiKey" },
            ["create_storage_provider"] = new[] { "New-KasmStorageProvider", "Test-KasmApiKey" },
            ["update_storage_provider"] = new[] { "Set-KasmStorageProvider", "Test-KasmApiKey" },
            ["get_storage_mappings"] = new[] { "Get-KasmStorageMapping", "Set-KasmStorageMapping", "Test-KasmApiKey" },
            ["create_storage_mapping"] = new[] { "New-KasmStorageMapping" },
            ["update_storage_mapping"] = new[] { "Set-KasmStorageMapping" },
            ["delete_storage_mapping"] = new[] { "Remove-KasmStorageMapping" },
        };

        /// <summary>The cmdlets that call <paramref name="method"/>, or an empty list.</summary>
        public static string[] Of(string method) => Map.TryGetValue(method, out var cmdlets) ? cmdlets : new string[0];

        /// <summary>The methods the map names.</summary>
        public static IEnumerable<string> Methods => Map.Keys;
    }
}
