@{
    RootModule             = 'Kasm.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '13aba33f-721a-4bc9-ac4a-63a872460ace'
    Author                 = 'The Kasm PowerShell module team'
    CompanyName            = 'Community'
    Copyright              = '(c) The Kasm PowerShell module team.'
    Description            = 'Automates Kasm Workspaces through its Developer API: sessions, workspaces, users, storage providers and system info, with pipeline-friendly cmdlets for Windows PowerShell 5.1 and PowerShell 7.'
    CompatiblePSEditions   = @('Desktop', 'Core')
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('Kasm.Format.ps1xml')
    CmdletsToExport        = @(
        'Connect-Kasm'
        'Save-KasmConnection'
        'Disconnect-Kasm'
        'Get-KasmConnection'
        'Get-KasmImage'
        'Get-KasmGroup'
        'New-KasmGroup'
        'Set-KasmGroup'
        'Remove-KasmGroup'
        'Get-KasmGroupMember'
        'Add-KasmGroupMember'
        'Remove-KasmGroupMember'
        'Get-KasmGroupImage'
        'Add-KasmGroupImage'
        'Remove-KasmGroupImage'
        'Set-KasmImage'
        'New-KasmImage'
        'Remove-KasmImage'
        'New-KasmSession'
        'Get-KasmSession'
        'Remove-KasmSession'
        'Get-KasmSessionStatus'
        'Wait-KasmSession'
        'Suspend-KasmSession'
        'Resume-KasmSession'
        'Stop-KasmSession'
        'Send-KasmSessionKeepalive'
        'Invoke-KasmSessionCommand'
        'Save-KasmSessionScreenshot'
        'Enable-KasmSessionSharing'
        'Disable-KasmSessionSharing'
        'Get-KasmSessionShare'
        'Join-KasmSession'
        'Get-KasmSystemInfo'
        'Get-KasmZone'
        'Get-KasmServer'
        'Get-KasmLicense'
        'Get-KasmApiKey'
        'Get-KasmSetting'
        'Test-KasmApiKey'
        'Get-KasmStorageProvider'
        'New-KasmStorageProvider'
        'Remove-KasmStorageProvider'
        'Set-KasmStorageProvider'
        'Get-KasmUser'
        'New-KasmUser'
        'Set-KasmUser'
        'Remove-KasmUser'
        'Revoke-KasmUserLogin'
        'Get-KasmUserLoginLink'
        'Get-KasmUserAttribute'
        'Set-KasmUserAttribute'
        'Invoke-KasmApi'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('Kasm', 'KasmWorkspaces', 'VDI', 'API', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            # The licence text ships in the module folder and the package (LICENSE); this is its standard text.
            LicenseUri   = 'https://opensource.org/license/mit'
            ReleaseNotes = '0.1.0: first package. Workspaces, sessions, users, groups, storage providers and system info; help that matches Get-Command, with examples that run as tests; views that fit 80 columns; saved connections (Save-KasmConnection, Connect-Kasm -Name) that never store a secret in plain text; a runbook example (docs/runbook.md).'
        }
    }
}
