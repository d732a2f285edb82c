using System;
using System.Collections.Generic;
using Kasm.Client;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// What Get- and New-KasmStorageMapping share: the user, group or workspace a mapping belongs to, from whichever one
    /// of -UserId, -UserName, -GroupId, -GroupName, -ImageId and -ImageName this record gives (the parameters are not
    /// in parameter sets, because PowerShell commits piped input to the default set), checked before anything is sent
    /// and resolved by name on the pipeline thread. A piped user brings its id and its name: the id is used.
    /// </summary>
    internal sealed class StorageMappingOwners
    {
        private readonly KasmApiCmdlet _cmdlet;
        private readonly List<(string Parameter, object Value)> _given = new List<(string, object)>();

        internal StorageMappingOwners(KasmApiCmdlet cmdlet, Guid? userId, string? userName, Guid? groupId, string? groupName, Guid? imageId, string? imageName)
        {
            _cmdlet = cmdlet;
            if (userId is Guid u) _given.Add(("UserId", u));
            // A piped user's UserName comes with its UserId; only a name given on its own (a CSV column, the command line) is used.
            if (userName != null && !(userId != null && !cmdlet.IsOnCommandLine("UserName"))) _given.Add(("UserName", userName));
            if (groupId is Guid g) _given.Add(("GroupId", g));
            if (groupName != null) _given.Add(("GroupName", groupName));
            if (imageId is Guid i) _given.Add(("ImageId", i));
            if (imageName != null) _given.Add(("ImageName", imageName));
        }

        /// <summary>Whether any owner was given.</summary>
        internal bool Any => _given.Count > 0;

        /// <summary>The argument that names the owner, for error targets.</summary>
        internal object? Argument => _given.Count > 0 ? _given[0].Value : null;

        /// <summary>Why this record cannot be run, or null when it names exactly one owner.</summary>
        internal string? Problem(string alternative)
        {
            if (_given.Count == 1) return null;
            string which = "-UserId, -UserName, -GroupId, -GroupName, -ImageId or -ImageName (or pipe a user, group or workspace)" + alternative;
            return _given.Count == 0
                ? $"Give whose storage mappings: {which}. Nothing was sent."
                : $"Give one owner, not {string.Join(" and ", _given.ConvertAll(g => "-" + g.Parameter))}: {which}. Nothing was sent.";
        }

        /// <summary>The owner, a name resolved from the invocation's one listing, and how ShouldProcess names it.</summary>
        internal (StorageMappingOwner Owner, string Shown) Resolve(KasmClient client)
        {
            var (parameter, value) = _given[0];
            switch (parameter)
            {
                case "UserName":
                    var user = _cmdlet.UserNamed(client, (string)value);
                    return (StorageMappingOwner.User(user.UserId), Targets.User(user.UserName, user.UserId));
                case "GroupId":
                    var groupId = (Guid)value;
                    return (StorageMappingOwner.Group(groupId), Targets.Group(_cmdlet.Piped<KasmGroup>() is KasmGroup g && g.GroupId == groupId ? g.Name : null, groupId));
                case "GroupName":
                    var group = _cmdlet.GroupNamed(client, (string)value);
                    return (StorageMappingOwner.Group(group.GroupId), Targets.Group(group.Name, group.GroupId));
                case "ImageId":
                    var imageId = (Guid)value;
                    return (StorageMappingOwner.Image(imageId), Targets.Workspace(_cmdlet.Piped<KasmImage>() is KasmImage i && i.ImageId == imageId ? i.FriendlyName : null, imageId));
                case "ImageName":
                    var image = _cmdlet.ImageNamed(client, (string)value);
                    return (StorageMappingOwner.Image(image.ImageId), Targets.Workspace(image.FriendlyName, image.ImageId));
                default:
                    var userId = (Guid)value;
                    return (StorageMappingOwner.User(userId), Targets.User(_cmdlet.Piped<KasmUser>() is KasmUser u && u.UserId == userId ? u.UserName : null, userId));
            }
        }
    }
}
