using System;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// The ShouldProcess targets (what -WhatIf and -Confirm name): the thing as an admin knows it, by name where the
    /// cmdlet knows the name (from the command line, a piped object, or a lookup it makes anyway), the id otherwise.
    /// No request is ever made just for this text.
    /// </summary>
    internal static class Targets
    {
        /// <summary>"session of alice@example.com running Chrome (71652d25)"; the full id when neither name is known.</summary>
        internal static string Session(Guid kasmId, string? userName, string? imageName)
        {
            if (string.IsNullOrEmpty(userName) && string.IsNullOrEmpty(imageName)) return $"session {kasmId}";
            string shortId = kasmId.ToString("D").Substring(0, 8);
            string owner = string.IsNullOrEmpty(userName) ? "" : $" of {userName}";
            string running = string.IsNullOrEmpty(imageName) ? "" : $" running {imageName}";
            return $"session{owner}{running} ({shortId})";
        }

        /// <summary>"workspace Chrome", or "workspace &lt;id&gt;".</summary>
        internal static string Workspace(string? name, Guid id) => $"workspace {(string.IsNullOrEmpty(name) ? id.ToString() : name)}";

        /// <summary>"group Ops", or "group &lt;id&gt;".</summary>
        internal static string Group(string? name, Guid id) => $"group {(string.IsNullOrEmpty(name) ? id.ToString() : name)}";

        /// <summary>"storage provider Google Drive", or "storage provider &lt;id&gt;".</summary>
        internal static string StorageProvider(string? name, Guid id) => $"storage provider {(string.IsNullOrEmpty(name) ? id.ToString() : name)}";

        /// <summary>"storage mapping user S3 (5c000000)", or "storage mapping &lt;id&gt;".</summary>
        internal static string StorageMapping(string? name, Guid id) =>
            string.IsNullOrEmpty(name) ? $"storage mapping {id}" : $"storage mapping {name} ({id.ToString("D").Substring(0, 8)})";

        /// <summary>"user alice@example.com", or "user &lt;id&gt;".</summary>
        internal static string User(string? name, Guid id) => $"user {(string.IsNullOrEmpty(name) ? id.ToString() : name)}";
    }
}
