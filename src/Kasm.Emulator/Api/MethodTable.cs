using Kasm.Emulator.Auth;
using Kasm.Emulator.Handlers;
using static Kasm.Emulator.Auth.Permission;

namespace Kasm.Emulator.Api;

/// <summary>
/// The one dispatch table: method name → handler, decorator permissions, read-only flag, mounts, and whether the
/// /api/public variant answers errors with 400. Permissions and flags follow docs/kasm-api.md, method by method.
/// </summary>
internal static class MethodTable
{
    public static IReadOnlyDictionary<string, ApiMethod> Methods { get; } = new ApiMethod[]
    {
        // Sessions (docs/kasm-api.md#sessions). request_kasm also needs Users Auth Session with user_id: that is docs/kasm-api.md#transport-and-authentication step 5.
        new("request_kasm", Sessions.RequestKasm, [User], ReadOnly: false, Mount.All),
        new("get_kasm_status", Sessions.GetKasmStatus, [User], ReadOnly: true, Mount.All),
        new("get_kasms", Sessions.GetKasms, [SessionsView], ReadOnly: true, Mount.PublicAdmin),
        new("get_kasm", Sessions.GetKasm, [SessionsView], ReadOnly: true, Mount.PublicAdmin),
        new("get_user_kasms", Sessions.GetUserKasms, [User], ReadOnly: true, Mount.All),
        new("destroy_kasm", Sessions.DestroyKasm, [User], ReadOnly: false, Mount.All),
        // pause/resume/stop: User (with the owner's user_id), Sessions Modify being the admin override inside the handler.
        new("pause_kasm", Sessions.PauseKasm, [User], ReadOnly: false, Mount.All),
        new("resume_kasm", Sessions.ResumeKasm, [User], ReadOnly: false, Mount.All),
        new("stop_kasm", Sessions.StopKasm, [User], ReadOnly: false, Mount.All),
        // keepalive: 1.15's public handler checks Sessions Modify, the docs say User; either is accepted. Flagged
        // read-only (a quirk); its validation errors are 400 on /api/public. The admin and client mounts take a user token instead.
        new("keepalive", Sessions.Keepalive, [SessionsModify, User], ReadOnly: true, Mount.Public, PublicErrorsAre400: true),
        // Sharing (undocumented): the owner's user_id; creating needs the group setting allow_kasm_sharing on real servers.
        new("create_kasm_share_id", Sessions.CreateKasmShareId, [User], ReadOnly: false, Mount.All),
        new("get_kasm_share_id", Sessions.GetKasmShareId, [User], ReadOnly: true, Mount.All),
        new("delete_kasm_share_id", Sessions.DeleteKasmShareId, [User], ReadOnly: false, Mount.All),
        new("join_kasm", Sessions.JoinKasm, [User], ReadOnly: true, Mount.All),
        // exec_command_kasm: Sessions Modify, with the owner's user_id (so also Users Auth Session); public mount only.
        new("exec_command_kasm", Sessions.ExecCommandKasm, [SessionsModify], ReadOnly: false, Mount.Public),
        // get_kasm_screenshot: raw JPEG; the client mount's variant takes a browser cookie instead, so public only.
        ApiMethod.Raw("get_kasm_screenshot", Sessions.GetKasmScreenshot, [User], readOnly: true, Mount.Public),

        // Session permissions (docs/kasm-api.md#session-permissions): public mount only; validation errors are 400 there.
        new("get_session_permissions", SessionPermissions.GetSessionPermissions, [SessionsView], ReadOnly: true, Mount.Public, PublicErrorsAre400: true),
        new("set_session_permissions", SessionPermissions.SetSessionPermissions, [SessionsModify], ReadOnly: false, Mount.Public, PublicErrorsAre400: true),
        new("set_all_session_permissions", SessionPermissions.SetAllSessionPermissions, [SessionsModify], ReadOnly: false, Mount.Public, PublicErrorsAre400: true),
        new("delete_session_permissions", SessionPermissions.DeleteSessionPermissions, [SessionsModify], ReadOnly: false, Mount.Public, PublicErrorsAre400: true),
        new("delete_all_session_permissions", SessionPermissions.DeleteAllSessionPermissions, [SessionsModify], ReadOnly: false, Mount.Public, PublicErrorsAre400: true),

        // Session history (docs/kasm-api.md#session-history): public and admin mounts; errors are HTTP 200 + error_message (inferred).
        new("get_session_history", SessionHistory.GetSessionHistory, [SessionsView], ReadOnly: true, Mount.Public | Mount.Admin),

        // Session recordings (docs/kasm-api.md#session-recordings): public mount only; errors are 400 there; the licence must grant session_recording.
        new("get_session_recordings", SessionRecordings.GetSessionRecordings, [SessionRecordingsView], ReadOnly: true, Mount.Public, PublicErrorsAre400: true),

        // Users (docs/kasm-api.md#users). get_user/update_user on /api/admin and /api are the ClientApi versions (decorator: User,
        // then an internal Users View/Users Modify check), docs/kasm-api.md#transport-and-authentication.
        new("create_user", Users.CreateUser, [UsersCreate], ReadOnly: false, Mount.PublicAdmin, PublicErrorsAre400: true),
        new("get_user", Users.GetUser, [UsersView], ReadOnly: true, Mount.All, PublicErrorsAre400: true, InternalOnAdminMounts: [UsersView]),
        new("get_users", Users.GetUsers, [UsersView], ReadOnly: true, Mount.PublicAdmin),
        // delete_user: Users Delete, plus Users Modify Admin for administrators and Sessions Delete to force out sessions (in the handler).
        new("delete_user", Users.DeleteUser, [UsersDelete], ReadOnly: false, Mount.PublicAdmin, PublicErrorsAre400: true),
        new("logout_user", Users.LogoutUser, [UsersAuthSession], ReadOnly: false, Mount.PublicAdmin, PublicErrorsAre400: true),
        new("get_login", Users.GetLogin, [UsersAuthSession], ReadOnly: true, Mount.Public, PublicErrorsAre400: true),
        new("get_attributes", Users.GetAttributes, [UsersView], ReadOnly: true, Mount.PublicAdmin, PublicErrorsAre400: true),
        // update_user_attributes is flagged read-only on real servers although it changes the user (a quirk).
        new("update_user_attributes", Users.UpdateUserAttributes, [UsersModify], ReadOnly: true, Mount.Public, PublicErrorsAre400: true),
        new("update_user", Users.UpdateUser, [UsersModify], ReadOnly: false, Mount.All, PublicErrorsAre400: true, InternalOnAdminMounts: [UsersModify]),

        // Groups (docs/kasm-api.md#groups).
        new("get_groups", Groups.GetGroups, [GroupsView], ReadOnly: true, Mount.PublicAdmin),
        new("create_group", Groups.CreateGroup, [GroupsCreate], ReadOnly: false, Mount.PublicAdmin),
        new("update_group", Groups.UpdateGroup, [GroupsModify], ReadOnly: false, Mount.PublicAdmin),
        new("delete_group", Groups.DeleteGroup, [GroupsDelete], ReadOnly: false, Mount.PublicAdmin),
        new("get_users_group", Groups.GetUsersGroup, [GroupsView], ReadOnly: true, Mount.PublicAdmin),
        // Group workspaces (undocumented): business errors are HTTP 200 + error_message.
        new("get_images_group", Groups.GetImagesGroup, [GroupsView], ReadOnly: true, Mount.PublicAdmin),
        new("add_images_group", Groups.AddImagesGroup, [GroupsModify], ReadOnly: false, Mount.PublicAdmin),
        new("remove_images_group", Groups.RemoveImagesGroup, [GroupsModify], ReadOnly: false, Mount.PublicAdmin),
        // Membership: flagged read-only on real servers although it changes the group (a quirk); 400 on /api/public.
        new("add_user_group", Groups.AddUserGroup, [GroupsModify], ReadOnly: true, Mount.PublicAdmin, PublicErrorsAre400: true),
        new("remove_user_group", Groups.RemoveUserGroup, [GroupsModify], ReadOnly: true, Mount.PublicAdmin, PublicErrorsAre400: true),

        // Group settings (docs/kasm-api.md#group-settings): business errors are HTTP 200 + error_message.
        new("get_settings_group", GroupSettings.GetSettingsGroup, [GroupsView], ReadOnly: true, Mount.PublicAdmin),
        new("add_settings_group", GroupSettings.AddSettingsGroup, [GroupsModify], ReadOnly: false, Mount.PublicAdmin),
        new("update_settings_group", GroupSettings.UpdateSettingsGroup, [GroupsModify], ReadOnly: false, Mount.PublicAdmin),
        new("remove_settings_group", GroupSettings.RemoveSettingsGroup, [GroupsModify], ReadOnly: false, Mount.PublicAdmin),

        // Workspaces (docs/kasm-api.md#workspaces-images).
        new("get_images", Images.GetImages, [ImagesView], ReadOnly: true, Mount.PublicAdmin),
        new("update_image", Images.UpdateImage, [ImagesModify, ImagesModifyResources], ReadOnly: false, Mount.PublicAdmin),
        new("create_image", Images.CreateImage, [ImagesCreate], ReadOnly: false, Mount.PublicAdmin),
        new("delete_image", Images.DeleteImage, [ImagesDelete], ReadOnly: false, Mount.PublicAdmin),

        // Storage providers (docs/kasm-api.md#storage-providers).
        new("get_storage_providers", StorageProviders.Get, [StorageProvidersView], ReadOnly: true, Mount.PublicAdmin),
        new("create_storage_provider", StorageProviders.Create, [StorageProvidersCreate], ReadOnly: false, Mount.PublicAdmin),
        new("update_storage_provider", StorageProviders.Update, [StorageProvidersModify], ReadOnly: false, Mount.PublicAdmin),
        new("delete_storage_provider", StorageProviders.Delete, [StorageProvidersDelete], ReadOnly: false, Mount.PublicAdmin),

        // Storage mappings (docs/kasm-api.md#storage-mappings): User at the decorator, then Users/Groups/Images Modify on the owner in the handler.
        new("get_storage_mappings", StorageMappings.Get, [User], ReadOnly: true, Mount.All),
        new("create_storage_mapping", StorageMappings.Create, [User], ReadOnly: false, Mount.All),
        new("update_storage_mapping", StorageMappings.Update, [User], ReadOnly: false, Mount.All),
        new("delete_storage_mapping", StorageMappings.Delete, [User], ReadOnly: false, Mount.All),

        // Infrastructure reads (docs/kasm-api.md#infrastructure); get_servers filters by Agents View / Servers View in the handler.
        new("get_zones", Infrastructure.GetZones, [ZonesView], ReadOnly: true, Mount.PublicAdmin),
        new("get_servers", Infrastructure.GetServers, [ServersView, AgentsView], ReadOnly: true, Mount.PublicAdmin),
        new("get_licenses", Infrastructure.GetLicenses, [LicensesView], ReadOnly: true, Mount.PublicAdmin),
        new("get_api_configs", Infrastructure.GetApiConfigs, [DevapiView], ReadOnly: true, Mount.PublicAdmin),
        new("get_settings", Infrastructure.GetSettings, [SettingsView], ReadOnly: true, Mount.PublicAdmin),

        // System (docs/kasm-api.md#system-info).
        new("system_info", SystemInfo.Get, [SystemView], ReadOnly: true, Mount.PublicAdmin),
    }.ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>The method answering <paramref name="name"/> on <paramref name="mount"/>, or null (→ 404).</summary>
    public static ApiMethod? Find(string name, Mount mount) =>
        Methods.TryGetValue(name, out var method) && method.Mounts.HasFlag(mount) ? method : null;
}
