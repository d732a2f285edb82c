using System;
using System.Collections.Generic;

namespace Kasm.Client
{
    /// <summary>One Kasm API method: where it lives, whether a resend is harmless, and the key permission it needs.</summary>
    internal sealed class KasmEndpoint
    {
        public KasmEndpoint(string name, string mount, bool retrySafe, string permission, bool readOnly, string? made = null)
        {
            Name = name;
            Mount = mount;
            RetrySafe = retrySafe;
            Permission = permission;
            ReadOnly = readOnly;
            Made = made;
        }

        /// <summary>The method name, the last path segment (get_images).</summary>
        public string Name { get; }

        /// <summary>public, admin or client (the /api/ mount).</summary>
        public string Mount { get; }

        /// <summary>True when sending it twice does no harm, so transient faults may be retried.</summary>
        public bool RetrySafe { get; }

        /// <summary>The API-key permission(s) the server checks, as the Kasm admin UI names them.</summary>
        public string Permission { get; }

        /// <summary>True when a read-only API key may call it.</summary>
        public bool ReadOnly { get; }

        /// <summary>
        /// The top-level key of a successful answer that holds (or names) what the method made or changed, such as
        /// kasm_id for request_kasm. An answer that has it and also an error_message is a partial success: the object
        /// exists and part of the request failed (docs/kasm-api.md, "Partial success"). Null: any error_message fails.
        /// </summary>
        public string? Made { get; }

        public string RelativePath => Mount == "client" ? "api/" + Name : "api/" + Mount + "/" + Name;
    }

    /// <summary>
    /// The endpoint table: every method the module calls, in one place (docs/design.md). Changing a path is one line.
    /// get_users, create_user and update_user use /api/public/ although the seed document lists them under /api/admin/:
    /// Kasm documents them there, and /api/admin/update_user is a different, self-service handler (docs/kasm-api.md#users).
    /// </summary>
    internal static class KasmEndpoints
    {
        private static readonly Dictionary<string, KasmEndpoint> Table = new Dictionary<string, KasmEndpoint>(StringComparer.Ordinal);

        // Sessions
        public static readonly KasmEndpoint RequestKasm = Add("request_kasm", "public", false, "User + Users Auth Session", false, made: "kasm_id");
        public static readonly KasmEndpoint GetKasmStatus = Add("get_kasm_status", "public", true, "User + Users Auth Session", true);
        public static readonly KasmEndpoint GetKasms = Add("get_kasms", "public", true, "Sessions View", true);
        public static readonly KasmEndpoint GetKasm = Add("get_kasm", "public", true, "Sessions View", true);
        public static readonly KasmEndpoint GetUserKasms = Add("get_user_kasms", "public", true, "User + Users Auth Session", true);
        // Resent on a transient fault: Kasm accepts a second destroy_kasm of a session still being deleted and runs it
        // again (docs/kasm-api.md, destroy_kasm). user_id (the owner) is needed on every version, whatever the key holds;
        // Sessions Delete is checked on top of User, not instead of it.
        public static readonly KasmEndpoint DestroyKasm = Add("destroy_kasm", "public", true, "User + Users Auth Session (always, with the owner's user_id; Sessions Delete to end other users' sessions)", false);
        // Not resent: a second pause/stop/resume of a session already changing state is refused (docs/kasm-api.md, pause_kasm).
        public static readonly KasmEndpoint PauseKasm = Add("pause_kasm", "public", false, "User + Users Auth Session (with the owner's user_id; Sessions Modify to pause other users' sessions or where the group does not allow pausing)", false);
        public static readonly KasmEndpoint ResumeKasm = Add("resume_kasm", "public", false, "User + Users Auth Session (with the owner's user_id; Sessions Modify for other users' sessions)", false);
        public static readonly KasmEndpoint StopKasm = Add("stop_kasm", "public", false, "User + Users Auth Session (with the owner's user_id; Sessions Modify to stop other users' sessions or where the group does not allow stopping)", false);
        // Read-only keys may call it (a quirk of Kasm's flags); a resend only moves the expiry again.
        public static readonly KasmEndpoint Keepalive = Add("keepalive", "public", true, "Sessions Modify (1.15; Kasm's docs say User + Users Auth Session)", true);
        // Sharing. A second create is refused (a share id exists); a second delete only clears it again.
        public static readonly KasmEndpoint CreateKasmShareId = Add("create_kasm_share_id", "public", false, "User + Users Auth Session (with the owner's user_id; the owner's group must allow sharing)", false, made: "share_id");
        public static readonly KasmEndpoint GetKasmShareId = Add("get_kasm_share_id", "public", true, "User + Users Auth Session (with the owner's user_id)", true);
        public static readonly KasmEndpoint DeleteKasmShareId = Add("delete_kasm_share_id", "public", true, "User + Users Auth Session (with the owner's user_id)", false);
        // Not resent: each join makes a login token (and, without user_id, an anonymous user).
        public static readonly KasmEndpoint JoinKasm = Add("join_kasm", "public", false, "User (+ Users Auth Session to join as a named user)", true, made: "kasm_url");
        // Never resent: a resend runs the command twice.
        public static readonly KasmEndpoint ExecCommandKasm = Add("exec_command_kasm", "public", false, "Sessions Modify + Users Auth Session (with the owner's user_id)", false);
        public static readonly KasmEndpoint GetKasmScreenshot = Add("get_kasm_screenshot", "public", true, "User + Users Auth Session (with the owner's user_id)", true);

        // Images
        public static readonly KasmEndpoint GetImages = Add("get_images", "public", true, "Images View", true);
        public static readonly KasmEndpoint CreateImage = Add("create_image", "public", false, "Images Create", false, made: "image");
        // Not resent: a second delete meets an image that no longer exists.
        public static readonly KasmEndpoint DeleteImage = Add("delete_image", "public", false, "Images Delete", false);
        public static readonly KasmEndpoint UpdateImage = Add("update_image", "admin", true, "Images Modify (or Images Modify Resources), and Images View to read the workspace first", false, made: "image");

        // Users (public mount, see above)
        public static readonly KasmEndpoint GetUsers = Add("get_users", "public", true, "Users View", true);
        public static readonly KasmEndpoint GetUser = Add("get_user", "public", true, "Users View", true);
        public static readonly KasmEndpoint CreateUser = Add("create_user", "public", false, "Users Create", false, made: "user");
        public static readonly KasmEndpoint UpdateUser = Add("update_user", "public", true, "Users Modify", false, made: "user");
        // Not resent: a second delete of a user already gone is an error.
        public static readonly KasmEndpoint DeleteUser = Add("delete_user", "public", false, "Users Delete (+ Users Modify Admin for administrators; + Sessions Delete with -Force when the user has sessions)", false);
        public static readonly KasmEndpoint LogoutUser = Add("logout_user", "public", true, "Users Auth Session", false);
        // Each call mints a login token; a resend only mints another.
        public static readonly KasmEndpoint GetLogin = Add("get_login", "public", false, "Users Auth Session", true);
        public static readonly KasmEndpoint GetAttributes = Add("get_attributes", "public", true, "Users View", true);
        // Flagged read-only on real servers although it changes the user (a quirk of Kasm's flags).
        public static readonly KasmEndpoint UpdateUserAttributes = Add("update_user_attributes", "public", true, "Users Modify (+ Users Modify Admin for administrators)", true);

        // Groups
        public static readonly KasmEndpoint GetGroups = Add("get_groups", "public", true, "Groups View", true);
        public static readonly KasmEndpoint CreateGroup = Add("create_group", "public", false, "Groups Create", false, made: "group");
        public static readonly KasmEndpoint UpdateGroup = Add("update_group", "public", true, "Groups Modify, and Groups View to read the group first", false, made: "group");
        // Not resent: a second delete meets a group that no longer exists.
        public static readonly KasmEndpoint DeleteGroup = Add("delete_group", "public", false, "Groups Delete", false);
        public static readonly KasmEndpoint GetUsersGroup = Add("get_users_group", "public", true, "Groups View", true);
        public static readonly KasmEndpoint GetImagesGroup = Add("get_images_group", "public", true, "Groups View", true);
        // Not resent: no "already assigned" refusal is known, so a resend after a lost answer might add the workspace twice.
        public static readonly KasmEndpoint AddImagesGroup = Add("add_images_group", "public", false, "Groups Modify", false);
        public static readonly KasmEndpoint RemoveImagesGroup = Add("remove_images_group", "public", true, "Groups Modify", false);
        // Membership: flagged read-only by Kasm although it changes the group; a resend meets "already (not) a member".
        public static readonly KasmEndpoint AddUserGroup = Add("add_user_group", "public", false, "Groups Modify", true);
        public static readonly KasmEndpoint RemoveUserGroup = Add("remove_user_group", "public", false, "Groups Modify", true);
        // Group settings (docs/kasm-api.md#group-settings). add is not resent (a second add meets "already exists"); an
        // update or remove resent sets the same value again or meets a row already gone.
        public static readonly KasmEndpoint GetSettingsGroup = Add("get_settings_group", "public", true, "Groups View", true);
        public static readonly KasmEndpoint AddSettingsGroup = Add("add_settings_group", "public", false, "Groups Modify, and Groups View to read the group's settings first", false, made: "setting");
        public static readonly KasmEndpoint UpdateSettingsGroup = Add("update_settings_group", "public", true, "Groups Modify, and Groups View to read the group's settings first", false, made: "setting");
        public static readonly KasmEndpoint RemoveSettingsGroup = Add("remove_settings_group", "public", false, "Groups Modify, and Groups View to read the group's settings first", false);

        // System and storage
        // Infrastructure reads (docs/kasm-api.md#infrastructure).
        public static readonly KasmEndpoint GetZones = Add("get_zones", "admin", true, "Zones View", true);
        public static readonly KasmEndpoint GetServers = Add("get_servers", "admin", true, "Agents View (Docker agents) or Servers View (fixed servers)", true);
        // Session recordings: public mount only; Enterprise licence or the session_recording feature (docs/kasm-api.md#session-recordings).
        // Session permissions (public mount only). A set is resent safely (it sets the same access again); a delete is
        // not: a second delete of a permission already gone is refused, which would hide that the first one worked.
        public static readonly KasmEndpoint GetSessionPermissions = Add("get_session_permissions", "public", true, "Sessions View", true);
        public static readonly KasmEndpoint SetSessionPermissions = Add("set_session_permissions", "public", true, "Sessions Modify", false);
        public static readonly KasmEndpoint SetAllSessionPermissions = Add("set_all_session_permissions", "public", true, "Sessions Modify", false);
        public static readonly KasmEndpoint DeleteSessionPermissions = Add("delete_session_permissions", "public", false, "Sessions Modify", false);
        public static readonly KasmEndpoint DeleteAllSessionPermissions = Add("delete_all_session_permissions", "public", true, "Sessions Modify", false);
        public static readonly KasmEndpoint GetSessionRecordings = Add("get_session_recordings", "public", true, "Session Recordings View", true);
        public static readonly KasmEndpoint GetSessionHistory = Add("get_session_history", "public", true, "Sessions View", true);
        public static readonly KasmEndpoint GetLicenses = Add("get_licenses", "admin", true, "Licenses View", true);
        public static readonly KasmEndpoint GetApiConfigs = Add("get_api_configs", "admin", true, "Devapi View", true);
        public static readonly KasmEndpoint GetSettings = Add("get_settings", "admin", true, "Settings View", true);

        public static readonly KasmEndpoint SystemInfo = Add("system_info", "admin", true, "System View", true);
        public static readonly KasmEndpoint GetStorageProviders = Add("get_storage_providers", "admin", true, "Storage Providers View", true);
        // Not resent: a second delete meets a provider that no longer exists.
        public static readonly KasmEndpoint DeleteStorageProvider = Add("delete_storage_provider", "admin", false, "Storage Providers Delete", false);
        public static readonly KasmEndpoint CreateStorageProvider = Add("create_storage_provider", "admin", false, "Storage Providers Create", false, made: "storage_provider");
        public static readonly KasmEndpoint UpdateStorageProvider = Add("update_storage_provider", "admin", true, "Storage Providers Modify, and Storage Providers View to read the provider first", false, made: "storage_provider");

        // Storage mappings (docs/kasm-api.md#storage-mappings): User at the decorator, then the View or Modify permission
        // of what the mapping belongs to (Users, Groups or Images), checked inside Kasm's handler.
        public static readonly KasmEndpoint GetStorageMappings = Add("get_storage_mappings", "public", true, "User + Users View, Groups View or Images View (for a user's, a group's or a workspace's mappings)", true);
        public static readonly KasmEndpoint CreateStorageMapping = Add("create_storage_mapping", "public", false, "User + Users Modify, Groups Modify or Images Modify (for a user, a group or a workspace)", false, made: "storage_mapping");
        // Resent on a transient fault: the body is the whole mapping, so a second send changes nothing more.
        public static readonly KasmEndpoint UpdateStorageMapping = Add("update_storage_mapping", "public", true, "User + Users Modify, Groups Modify or Images Modify, and the matching View to read the mapping first", false, made: "storage_mapping");
        // Not resent: a second delete meets a mapping that no longer exists.
        public static readonly KasmEndpoint DeleteStorageMapping = Add("delete_storage_mapping", "public", false, "User + Users Modify, Groups Modify or Images Modify (for the mapping's user, group or workspace)", false);

        private static KasmEndpoint Add(string name, string mount, bool retrySafe, string permission, bool readOnly, string? made = null)
        {
            var e = new KasmEndpoint(name, mount, retrySafe, permission, readOnly, made);
            Table.Add(name, e);
            return e;
        }

        public static IEnumerable<KasmEndpoint> All => Table.Values;

        /// <summary>
        /// Resolves what Invoke-KasmApi was given: "get_kasms", "public/get_kasms" or "admin/system_info". A known method
        /// keeps its permission and retry rules; an unknown one goes to /api/public/ and is never retried.
        /// </summary>
        public static KasmEndpoint Resolve(string method)
        {
            if (method == null) throw new ArgumentNullException(nameof(method));
            string mount = null!;
            string name = method.Trim().Trim('/');
            if (name.StartsWith("api/", StringComparison.OrdinalIgnoreCase)) name = name.Substring(4);
            int slash = name.IndexOf('/');
            if (slash >= 0)
            {
                mount = name.Substring(0, slash).ToLowerInvariant();
                name = name.Substring(slash + 1);
                if (mount != "public" && mount != "admin" && mount != "client")
                    throw new ArgumentException($"'{method}' names an unknown mount '{mount}'. Use public/, admin/ or client/, or just the method name.", nameof(method));
            }
            if (!IsMethodName(name))
                throw new ArgumentException($"'{method}' is not a Kasm API method name. Method names are lower case letters, digits and underscores, like get_kasms.", nameof(method));
            if (Table.TryGetValue(name, out var known))
                return mount == null || mount == known.Mount ? known : new KasmEndpoint(name, mount, known.RetrySafe, known.Permission, known.ReadOnly, known.Made);
            return new KasmEndpoint(name, mount ?? "public", false, "(unknown: see the Kasm API reference)", false);
        }

        private static bool IsMethodName(string name)
        {
            if (name.Length == 0 || name.Length > 100) return false;
            foreach (char c in name)
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
            return name[0] != '_' || name.Length > 1;
        }
    }
}
