using System;
using System.Collections;
using System.Management.Automation;
using System.Security;
using Kasm.Client;
using Kasm.Models;


namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Creates a storage provider (create_storage_provider).</para>
    /// <para type="description">Kasm needs, for every type, a mount path inside the session (-DefaultTarget, absolute) and an rclone volume config (-VolumeConfig with driver and driver_opts); Nextcloud also a WebDAV URL; Google Drive, OneDrive and Dropbox also the OAuth client id and secret, URLs, scopes and authorisation URL options; OneDrive also the root drive URL. The cmdlet fills each type's usual value for whatever you leave out (rclone volume settings, a folder on the session's desktop, the provider's OAuth URLs and scopes, the redirect URL https://your-kasm/api/cloud_storage_callback), so only what cannot have a default is yours to give: -WebdavUrl for Nextcloud, -ClientId and -ClientSecret for the OAuth types, -VolumeConfig for Custom. What is still missing is an error (KasmInvalidArgument, naming the parameters) before anything is sent. -Type takes the names Kasm's UI shows ('Google Drive') as well as GoogleDrive. Scopes go to Kasm as one line per scope. -ClientSecret is a SecureString. Buckets, keys and WebDAV accounts belong to each storage mapping, not to the provider.</para>
    /// <example><code>New-KasmStorageProvider -Name Nextcloud -Type Nextcloud -WebdavUrl https://cloud.example.com/remote.php/dav/files/</code><para>Adds a Nextcloud provider that mounts on the session's desktop.</para></example>
    /// <example><code># not run: prompts for the OAuth client secret
    /// New-KasmStorageProvider -Name 'Team Drive' -Type 'Google Drive' -ClientId 123456789012-example.apps.googleusercontent.com -ClientSecret (Read-Host -AsSecureString)</code><para>Adds a Google Drive provider with Google's OAuth URLs and the drive scope.</para></example>
    /// <example><code>New-KasmStorageProvider -Name 'S3 home' -Type S3 -DefaultTarget /home/kasm-user/S3 -VolumeConfig @{ driver = 'rclone'; driver_opts = @{ type = 's3'; 's3-provider' = 'Minio'; 's3-endpoint' = 'https://s3.example.com'; uid = '1000'; gid = '1000'; allow_other = 'true' } }</code><para>Adds an S3 provider for a MinIO server.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "KasmStorageProvider", SupportsShouldProcess = true)]
    [OutputType(typeof(KasmStorageProvider))]
    public sealed class NewKasmStorageProviderCommand : KasmBulkCmdlet
    {
        /// <summary>The provider's name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ApiField("name")]
        public string? Name { get; set; }

        /// <summary>Nextcloud, S3, GoogleDrive ('Google Drive'), OneDrive, Dropbox or Custom.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [StorageProviderTypeTransformation]
        public KasmStorageProviderType Type { get; set; }

        /// <summary>OAuth client id.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ApiField("client_id")]
        public string? ClientId { get; set; }

        /// <summary>OAuth client secret.</summary>
        [Parameter]
        [ApiField("client_secret")]
        public SecureString? ClientSecret { get; set; }

        /// <summary>OAuth authorisation URL.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ApiField("auth_url")]
        public string? AuthUrl { get; set; }

        /// <summary>OAuth token URL.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ApiField("token_url")]
        public string? TokenUrl { get; set; }

        /// <summary>OAuth redirect URL (default: https://your-kasm/api/cloud_storage_callback).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ApiField("redirect_url")]
        public string? RedirectUrl { get; set; }

        /// <summary>OAuth scopes (sent as one line per scope).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ApiField("scope")]
        public string[]? Scope { get; set; }

        /// <summary>WebDAV URL (Nextcloud).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ApiField("webdav_url")]
        public string? WebdavUrl { get; set; }

        /// <summary>Root drive URL (OneDrive).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ApiField("root_drive_url")]
        public string? RootDriveUrl { get; set; }

        /// <summary>Mount path inside the session, such as /home/kasm-user/Desktop/Nextcloud.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ApiField("default_target")]
        public string? DefaultTarget { get; set; }

        /// <summary>rclone volume driver options.</summary>
        [Parameter]
        [ApiField("volume_config")]
        public Hashtable? VolumeConfig { get; set; }

        /// <summary>Mount options.</summary>
        [Parameter]
        [ApiField("mount_config")]
        public Hashtable? MountConfig { get; set; }

        /// <summary>Extra query options for the OAuth authorisation URL.</summary>
        [Parameter]
        [ApiField("auth_url_options")]
        public Hashtable? AuthUrlOptions { get; set; }

        /// <summary>Creates it disabled.</summary>
        [Parameter]
        public SwitchParameter Disabled { get; set; }

        internal override System.Type[] PipedTypes => System.Type.EmptyTypes;

        /// <summary>Creates one provider.</summary>
        protected override void ProcessItem()
        {
            var fields = BoundFields();
            fields["enabled"] = !Disabled.IsPresent;
            // Checked before anything is sent, and before a connection is needed (so -WhatIf works without one).
            var missing = KasmClient.MissingForType(Type, KasmClient.WithStorageDefaults(Type, fields, (Connection ?? ConnectionStore.Default)?.Server));
            if (missing != null)
            {
                WriteErrorInOrder(InvalidArgument(missing, Name));
                return;
            }
            if (!ShouldProcess($"storage provider {Name}", $"Create {KasmClient.ApiName(Type)} storage provider")) return;
            var type = Type;
            Send(Name, (c, cancel) => c.CreateStorageProvider(type, fields, cancel), WriteObject);
        }
    }
}
