using System;
using System.Management.Automation;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets the storage mappings of a user, a group or a workspace (get_storage_mappings).</para>
    /// <para type="description">Outputs a KasmStorageMapping for each storage provider mounted into the sessions of the user, the group's members or the workspace: its name, provider, mount path (Target), whether it is enabled and read-only, and the S3 key id and bucket. Secrets read as ***. Give the owner by id or name, or pipe users, groups or workspaces (a piped object binds by its id); -StorageMappingId reads one mapping. Kasm has no method that lists every mapping, so one of these is required. Needs User, and Users View, Groups View or Images View for the owner's kind (also to look a name up); read-only keys may call it.</para>
    /// <example><code>Get-KasmStorageMapping -UserName user@kasm.local</code><para>Lists the storage mounted into a user's sessions.</para></example>
    /// <example><code>Get-KasmGroup -Name Ops | Get-KasmStorageMapping</code><para>Lists the storage a group's members get.</para></example>
    /// <example><code>Get-KasmImage -Name Chrome | Get-KasmStorageMapping | Where-Object ReadOnly -eq $false</code><para>Lists the writable storage mounted into a workspace.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmStorageMapping")]
    [OutputType(typeof(KasmStorageMapping))]
    public sealed class GetKasmStorageMappingCommand : KasmApiCmdlet
    {
        /// <summary>One mapping; binds from a piped mapping.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("storage_mapping_id")]
        public Guid? StorageMappingId { get; set; }

        /// <summary>The mappings of this user; binds from a piped user.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("user_id")]
        public Guid? UserId { get; set; }

        /// <summary>The mappings of this user, by name (exact match; an unknown name is an error before the mappings are read).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmUserNameCompleter))]
        public string? UserName { get; set; }

        /// <summary>The mappings of this group; binds from a piped group.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("group_id")]
        public Guid? GroupId { get; set; }

        /// <summary>The mappings of this group, by name (exact match).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmGroupNameCompleter))]
        public string? GroupName { get; set; }

        /// <summary>The mappings of this workspace; binds from a piped workspace.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("image_id")]
        public Guid? ImageId { get; set; }

        /// <summary>The mappings of this workspace, by friendly or Docker image name (exact match).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmImageNameCompleter))]
        public string? ImageName { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmUser), typeof(KasmGroup), typeof(KasmImage), typeof(KasmStorageMapping) };

        /// <summary>Writes the mappings one record asks for.</summary>
        protected override void ProcessItem()
        {
            // A piped mapping also brings its owner's id: it means itself, unless the command line names an owner.
            bool pipedMapping = Piped<KasmStorageMapping>() != null && !IsOnCommandLine(nameof(StorageMappingId));
            bool ownerOnCommandLine = IsOnCommandLine(nameof(UserId)) || IsOnCommandLine(nameof(UserName)) || IsOnCommandLine(nameof(GroupId))
                || IsOnCommandLine(nameof(GroupName)) || IsOnCommandLine(nameof(ImageId)) || IsOnCommandLine(nameof(ImageName));
            var owners = pipedMapping && !ownerOnCommandLine
                ? new StorageMappingOwners(this, null, null, null, null, null, null)
                : new StorageMappingOwners(this, UserId, UserName, GroupId, GroupName, ImageId, ImageName);
            if (StorageMappingId is Guid id && !owners.Any)
            {
                Try(id, () =>
                {
                    var mapping = Client.GetStorageMapping(id, Cancellation);
                    if (mapping == null) WriteError(ItemNotFound($"No storage mapping has the id {id}.", id));
                    else WriteObject(mapping);
                });
                return;
            }
            var problem = StorageMappingId != null
                ? "Give a mapping (-StorageMappingId) or an owner, not both. Nothing was sent."
                : owners.Problem(", or -StorageMappingId");
            if (problem != null)
            {
                WriteError(InvalidArgument(problem, (object?)StorageMappingId ?? owners.Argument));
                return;
            }
            Try(owners.Argument, () =>
            {
                var client = Client;
                var (owner, _) = owners.Resolve(client);
                foreach (var mapping in client.GetStorageMappings(owner, Cancellation)) WriteObject(mapping);
            });
        }
    }
}
