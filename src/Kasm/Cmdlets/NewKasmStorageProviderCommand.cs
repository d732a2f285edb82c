using System.Collections;
using System.Management.Automation;
using System.Security;
using Kasm.Client;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Creates a storage provider (create_storage_provider).</para>
    /// <para type="description">Each type needs its own settings, checked before anything is sent: Nextcloud needs -WebdavUrl; Google Drive, OneDrive and Dropbox need -ClientId, -ClientSecret, -AuthUrl, -TokenUrl and -RedirectUrl; S3 needs -VolumeConfig and -DefaultTarget (buckets and keys belong to each storage mapping); Custom needs -VolumeConfig. -ClientSecret is a SecureString.</para>
    /// <example><code>New-KasmStorageProvider -Name Nextcloud -Type Nextcloud -WebdavUrl https://cloud.example.com/remote.php/dav/files/</code><para>Adds a Nextcloud provider.</para></example>
    /// <example><code>New-KasmStorageProvider -Name 'S3 home' -Type S3 -DefaultTarget /home/kasm-user/Desktop/S3 -VolumeConfig @{ driver = 'rclone'; driver_opts = @{ type = 's3'; provider = 'AWS' } }</code><para>Adds an S3 provider that mounts on the desktop.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "KasmStorageProvider", SupportsShouldProcess = true)]
    [OutputType(typeof(KasmStorageProvider))]
    public sealed class NewKasmStorageProviderCommand : KasmApiCmdlet
    {
        /// <summary>The provider's name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>Nextcloud, S3, GoogleDrive, OneDrive, Dropbox or Custom.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        public KasmStorageProviderType Type { get; set; }

        /// <summary>OAuth client id.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ClientId { get; set; }

        /// <summary>OAuth client secret.</summary>
        [Parameter]
        public SecureString? ClientSecret { get; set; }

        /// <summary>OAuth authorisation URL.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? AuthUrl { get; set; }

        /// <summary>OAuth token URL.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? TokenUrl { get; set; }

        /// <summary>OAuth redirect URL (https://your-kasm/api/oauth/...).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? RedirectUrl { get; set; }

        /// <summary>OAuth scopes.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[]? Scope { get; set; }

        /// <summary>WebDAV URL (Nextcloud).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? WebdavUrl { get; set; }

        /// <summary>Root drive URL.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? RootDriveUrl { get; set; }

        /// <summary>Mount path inside the session, such as /home/kasm-user/Desktop/Nextcloud.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? DefaultTarget { get; set; }

        /// <summary>rclone volume driver options.</summary>
        [Parameter]
        public Hashtable? VolumeConfig { get; set; }

        /// <summary>Mount options.</summary>
        [Parameter]
        public Hashtable? MountConfig { get; set; }

        /// <summary>Extra query options for the OAuth authorisation URL.</summary>
        [Parameter]
        public Hashtable? AuthUrlOptions { get; set; }

        /// <summary>Creates it disabled.</summary>
        [Parameter]
        public SwitchParameter Disabled { get; set; }

        /// <summary>Creates one provider.</summary>
        protected override void ProcessRecord()
        {
            var fields = BoundFields((nameof(Name), "name"), (nameof(ClientId), "client_id"), (nameof(ClientSecret), "client_secret"),
                (nameof(AuthUrl), "auth_url"), (nameof(TokenUrl), "token_url"), (nameof(RedirectUrl), "redirect_url"), (nameof(Scope), "scope"),
                (nameof(WebdavUrl), "webdav_url"), (nameof(RootDriveUrl), "root_drive_url"), (nameof(DefaultTarget), "default_target"),
                (nameof(VolumeConfig), "volume_config"), (nameof(MountConfig), "mount_config"), (nameof(AuthUrlOptions), "auth_url_options"));
            fields["enabled"] = !Disabled.IsPresent;
            var missing = KasmClient.MissingForType(Type, fields);
            if (missing != null)
            {
                WriteError(InvalidArgument(missing, Name));
                return;
            }
            if (!ShouldProcess(Name, $"Create {KasmClient.ApiName(Type)} storage provider")) return;
            Try(Name, () => WriteObject(Client.CreateStorageProvider(Type, fields, Cancellation)));
        }
    }
}
