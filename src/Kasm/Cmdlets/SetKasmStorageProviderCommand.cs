using System;
using System.Collections;
using System.Management.Automation;
using System.Security;
using Kasm.Client;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Changes a storage provider (update_storage_provider).</para>
    /// <para type="description">Reads the provider (get_storage_providers) and sends it back whole with your changes, which is right whether or not Kasm keeps the fields it is not sent. Kasm shows a client secret only masked, so the cmdlet never sends the mask back: a provider that has a client secret (Google Drive, OneDrive, Dropbox) is changed only when you give -ClientSecret again, because a server that resets what it is not sent would clear it (KasmInvalidArgument, nothing changed, otherwise). A relative -DefaultTarget or a -VolumeConfig without driver and driver_opts is an error before anything is sent. Scopes go to Kasm as one line per scope. Needs Storage Providers Modify and Storage Providers View. Outputs nothing unless -PassThru.</para>
    /// <example><code>$p = New-KasmStorageProvider -Name Nextcloud -Type Nextcloud -WebdavUrl https://cloud.example.com/remote.php/dav/files/ -Confirm:$false; $p | Set-KasmStorageProvider -DefaultTarget /home/kasm-user/Nextcloud -Confirm:$false -PassThru</code><para>Creates a Nextcloud provider and moves its mount point.</para></example>
    /// <example><code>Set-KasmStorageProvider -Name 'Google Drive' -Enabled:$false -ClientSecret $secret -Confirm:$false</code><para>Disables the Google Drive provider; its client secret is given again, so it cannot be lost.</para></example>
    /// <example><code>Get-KasmStorageProvider | Set-KasmStorageProvider -NewName 'Team Drive' -ClientSecret $secret -WhatIf</code><para>Shows what would be renamed.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "KasmStorageProvider", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "ById")]
    [OutputType(typeof(KasmStorageProvider))]
    public sealed class SetKasmStorageProviderCommand : KasmBulkCmdlet
    {
        /// <summary>The provider; binds from a piped provider.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = "ById")]
        [Alias("storage_provider_id")]
        public Guid StorageProviderId { get; set; }

        /// <summary>The provider, by name (exact match; an unknown or ambiguous name is an error before anything is changed).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ByName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmStorageProviderNameCompleter))]
        public string? Name { get; set; }

        /// <summary>A new name.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ApiField("name")]
        public string? NewName { get; set; }

        /// <summary>Enables (-Enabled) or disables (-Enabled:$false) the provider.</summary>
        [Parameter]
        [ApiField("enabled")]
        public SwitchParameter Enabled { get; set; }

        /// <summary>OAuth client id.</summary>
        [Parameter]
        [ApiField("client_id")]
        public string? ClientId { get; set; }

        /// <summary>OAuth client secret; required to change a provider that has one (Kasm shows it only masked).</summary>
        [Parameter]
        [ApiField("client_secret")]
        public SecureString? ClientSecret { get; set; }

        /// <summary>OAuth authorisation URL.</summary>
        [Parameter]
        [ApiField("auth_url")]
        public string? AuthUrl { get; set; }

        /// <summary>OAuth token URL.</summary>
        [Parameter]
        [ApiField("token_url")]
        public string? TokenUrl { get; set; }

        /// <summary>OAuth redirect URL.</summary>
        [Parameter]
        [ApiField("redirect_url")]
        public string? RedirectUrl { get; set; }

        /// <summary>OAuth scopes (sent as one line per scope); they replace the provider's scopes.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ApiField("scope")]
        public string[]? Scope { get; set; }

        /// <summary>WebDAV URL (Nextcloud).</summary>
        [Parameter]
        [ApiField("webdav_url")]
        public string? WebdavUrl { get; set; }

        /// <summary>Root drive URL (OneDrive).</summary>
        [Parameter]
        [ApiField("root_drive_url")]
        public string? RootDriveUrl { get; set; }

        /// <summary>Mount path inside the session (absolute), such as /home/kasm-user/Desktop/Nextcloud.</summary>
        [Parameter]
        [ApiField("default_target")]
        public string? DefaultTarget { get; set; }

        /// <summary>rclone volume driver options (with driver and driver_opts); they replace the provider's.</summary>
        [Parameter]
        [ApiField("volume_config")]
        public Hashtable? VolumeConfig { get; set; }

        /// <summary>Mount options; they replace the provider's.</summary>
        [Parameter]
        [ApiField("mount_config")]
        public Hashtable? MountConfig { get; set; }

        /// <summary>Extra query options for the OAuth authorisation URL; they replace the provider's.</summary>
        [Parameter]
        [ApiField("auth_url_options")]
        public Hashtable? AuthUrlOptions { get; set; }

        /// <summary>Outputs the changed provider.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmStorageProvider) };

        /// <summary>Changes one provider.</summary>
        protected override void ProcessItem()
        {
            var changes = BoundFields();
            object target = (object?)Name ?? StorageProviderId;
            var problem = KasmClient.StorageChangeProblem(changes);
            if (problem != null)
            {
                WriteError(InvalidArgument(problem, target));
                return;
            }
            Guid id = StorageProviderId;
            if (Name != null && !Try(Name, () => id = KasmClient.PickByName(ListOnce(Client, c => c.GetStorageProviders(Cancellation)), Name,
                    p => new[] { p.Name }, "storage provider", p => $"{p.Name} ({p.StorageProviderId})").StorageProviderId)) return;
            var piped = Piped<KasmStorageProvider>();
            string? shown = Name ?? (piped != null && piped.StorageProviderId == id ? piped.Name : null);
            if (!ShouldProcess(Targets.StorageProvider(shown, id), $"Set {DescribeFields(changes)}")) return;
            bool passThru = PassThru;
            Send(target, (c, cancel) => c.UpdateStorageProvider(id, changes, cancel), p => { if (passThru) WriteObject(p); });
        }
    }
}
