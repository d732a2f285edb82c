using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using Kasm.Models;

namespace Kasm.Client
{
    internal sealed partial class KasmClient
    {
        /// <summary>get_groups: the groups this key may view (docs/kasm-api.md#groups).</summary>
        public IEnumerable<KasmGroup> GetGroups(CancellationToken cancel) =>
            List<KasmGroup>(KasmEndpoints.GetGroups, null, "groups", cancel);

        private static JsonObject TargetGroup(Guid groupId) =>
            new JsonObject { ["group_id"] = groupId.ToString("N") };

        /// <summary>create_group: a name and a priority (1 to 4095, lower wins) are required.</summary>
        public KasmGroup CreateGroup(string name, int priority, string? description, CancellationToken cancel)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A group needs a name.");
            CheckPriority(priority);
            var fields = new Dictionary<string, object?> { ["name"] = name.Trim(), ["priority"] = priority, ["description"] = description };
            using var response = _transport.Send(KasmEndpoints.CreateGroup, Target("target_group", fields), cancel);
            return Made(response, ModelMapper.Map<KasmGroup>(Property(response, "group"), Connection));
        }

        private static void CheckPriority(int priority)
        {
            if (priority < 1 || priority > 4095) throw new ArgumentException($"A group's priority is 1 to 4095 (lower wins), not {priority}.");
        }

        /// <summary>
        /// update_group. Whether Kasm keeps the fields it is not sent is not known, so the group is read first
        /// (get_groups) and sent whole with the changes: right under either reading (docs/kasm-api.md#groups).
        /// </summary>
        public KasmGroup UpdateGroup(Guid groupId, string? name, string? description, int? priority, CancellationToken cancel)
        {
            if (name == null && description == null && priority == null) throw new ArgumentException("Nothing to change: give -NewName, -Description or -Priority.");
            if (priority.HasValue) CheckPriority(priority.Value);
            var current = GetGroups(cancel).FirstOrDefault(g => g.GroupId == groupId)
                ?? throw new KasmApiException(KasmErrorId.ItemNotFound, $"No group has the id {groupId}; nothing was changed.",
                    KasmEndpoints.GetGroups.Name, 200, null, KasmEndpoints.GetGroups.Permission);
            var target = TargetGroup(groupId);
            // group_metadata goes back as it was read: a server that replaces would otherwise reset it (as update_image
            // does, docs/kasm-api.md#groups). group_mappings are not sent: create_group fails on them on 1.15 and
            // they have their own methods.
            var metadata = ReadGroupField(groupId, "group_metadata", cancel);
            if (metadata != null) target["group_metadata"] = metadata;
            target["name"] = (name ?? current.Name)?.Trim();
            target["priority"] = priority ?? current.Priority ?? 100;
            var desc = description ?? current.Description;
            if (desc != null) target["description"] = desc;
            using var response = _transport.Send(KasmEndpoints.UpdateGroup, new JsonObject { ["target_group"] = target }, cancel);
            return Made(response, ModelMapper.Map<KasmGroup>(Property(response, "group"), Connection));
        }

        /// <summary>One field of a group as get_groups gives it (raw JSON), or null when absent or null.</summary>
        private JsonNode? ReadGroupField(Guid groupId, string field, CancellationToken cancel)
        {
            using var response = _transport.Send(KasmEndpoints.GetGroups, null, cancel);
            if (response.Json.TryGetProperty("groups", out var groups) && groups.ValueKind == JsonValueKind.Array)
                foreach (var group in groups.EnumerateArray())
                    if (group.ValueKind == JsonValueKind.Object && group.TryGetProperty("group_id", out var id) && id.ValueKind == JsonValueKind.String
                        && Guid.TryParse(id.GetString(), out var found) && found == groupId)
                        return group.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
                            ? JsonNode.Parse(value.GetRawText()) : null;
            return null;
        }

        /// <summary>delete_group; <paramref name="force"/> (always sent as a boolean) deletes a group that has members.</summary>
        public void DeleteGroup(Guid groupId, bool force, CancellationToken cancel)
        {
            var body = new JsonObject { ["target_group"] = TargetGroup(groupId), ["force"] = force };
            using var _ = _transport.Send(KasmEndpoints.DeleteGroup, body, cancel);
        }

        /// <summary>get_users_group: the group's members, as users.</summary>
        public IEnumerable<KasmUser> GetGroupMembers(Guid groupId, CancellationToken cancel) =>
            List<KasmUser>(KasmEndpoints.GetUsersGroup, new JsonObject { ["target_group"] = TargetGroup(groupId) }, "users", cancel);

        /// <summary>add_user_group or remove_user_group.</summary>
        public void ChangeGroupMembership(Guid groupId, Guid userId, bool add, CancellationToken cancel)
        {
            var body = new JsonObject
            {
                ["target_user"] = new JsonObject { ["user_id"] = userId.ToString("N") },
                ["target_group"] = TargetGroup(groupId),
            };
            using var _ = _transport.Send(add ? KasmEndpoints.AddUserGroup : KasmEndpoints.RemoveUserGroup, body, cancel);
        }

        /// <summary>get_images_group: the workspaces the group's members may launch.</summary>
        public IEnumerable<KasmGroupImage> GetGroupImages(Guid groupId, CancellationToken cancel) =>
            List<KasmGroupImage>(KasmEndpoints.GetImagesGroup, new JsonObject { ["target_group"] = TargetGroup(groupId) }, "images", cancel);

        /// <summary>add_images_group or remove_images_group.</summary>
        public void ChangeGroupImage(Guid groupId, Guid imageId, bool add, CancellationToken cancel)
        {
            var body = new JsonObject
            {
                ["target_group"] = TargetGroup(groupId),
                ["target_image"] = new JsonObject { ["image_id"] = imageId.ToString("N") },
            };
            using var _ = _transport.Send(add ? KasmEndpoints.AddImagesGroup : KasmEndpoints.RemoveImagesGroup, body, cancel);
        }
    }
}
