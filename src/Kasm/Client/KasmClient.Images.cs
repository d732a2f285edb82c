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
        /// <summary>
        /// Image fields that get_images returns as objects but update_image (and create_image) read as JSON-encoded
        /// text: a real object there makes the server fail with "Invalid json format" (docs/kasm-api.md, update_image).
        /// </summary>
        internal static readonly string[] ImageJsonTextFields = { "volume_mappings", "run_config", "exec_config", "launch_config", "connection_info" };

        /// <summary>
        /// Changes a workspace. update_image replaces the whole image: every field it is not sent is reset (registry
        /// credentials, hash, server, profile path, GPUs, hidden, ...; docs/kasm-api.md, update_image). So the image is
        /// read first (get_images), the changes are applied to it, and all of it is sent back, as Kasm's admin UI does.
        /// The JSON-text fields go back as text, categories as one line per category, a masked docker_token as the mask
        /// the server gave (what the admin UI sends back, so the server must keep the stored token for it; -DockerToken
        /// sets a new one), web filtering forced off as the word update_image reads for it, and fields the server gave
        /// as null are left out.
        /// A key that cannot read workspaces cannot update safely: it is refused before update_image is sent.
        /// </summary>
        public KasmImage UpdateImage(Guid imageId, IDictionary<string, object?> changes, CancellationToken cancel)
        {
            var current = ReadImageForUpdate(imageId, cancel);
            var target = WholeImage(imageId, current, changes);
            using var response = _transport.Send(KasmEndpoints.UpdateImage, new JsonObject { ["target_image"] = target }, cancel);
            return Made(response, FinishImage(ModelMapper.Map<KasmImage>(Property(response, "image"), Connection, response.Endpoint.Name)));
        }

        /// <summary>
        /// create_image with the given fields, in the form the server reads: the JSON-text fields (run_config,
        /// volume_mappings, ...) as JSON text and categories as one line per category, whatever the caller passed
        /// (objects, hashtables, lists), so the caller never meets that encoding (docs/kasm-api.md, create_image).
        /// </summary>
        public KasmImage CreateImage(IDictionary<string, object?> fields, CancellationToken cancel)
        {
            if (!fields.TryGetValue("friendly_name", out var name) || string.IsNullOrWhiteSpace(name as string))
                throw new ArgumentException("A workspace needs a friendly name (-FriendlyName).");
            var target = new JsonObject();
            foreach (var field in fields)
            {
                var node = JsonPayload.ToNode(field.Value);
                if (node != null) target[field.Key] = AsSent(field.Key, node);
            }
            using var response = _transport.Send(KasmEndpoints.CreateImage, new JsonObject { ["target_image"] = target }, cancel);
            return Made(response, FinishImage(ModelMapper.Map<KasmImage>(Property(response, "image"), Connection)));
        }

        /// <summary>delete_image. Kasm refuses while sessions use the workspace.</summary>
        public void DeleteImage(Guid imageId, CancellationToken cancel)
        {
            var body = new JsonObject { ["target_image"] = new JsonObject { ["image_id"] = imageId.ToString("N") } };
            using var _ = _transport.Send(KasmEndpoints.DeleteImage, body, cancel);
        }

        /// <summary>The image as get_images gives it, or the error that explains why it cannot be updated safely.</summary>
        internal JsonObject ReadImageForUpdate(Guid imageId, CancellationToken cancel)
        {
            KasmResponse response;
            try
            {
                response = _transport.Send(KasmEndpoints.GetImages, null, cancel);
            }
            catch (KasmApiException ex) when (ex.ErrorId == KasmErrorId.Unauthorized || ex.ErrorId == KasmErrorId.Forbidden)
            {
                throw new KasmApiException(ex.ErrorId,
                    $"Workspace {imageId} was not changed: this API key cannot read workspaces (get_images needs '{KasmEndpoints.GetImages.Permission}'). " +
                    "update_image resets every setting it is not sent, so the module reads the workspace and sends it back whole; without that read, " +
                    "an update would silently reset the settings you did not name. Give the key Images View (it keeps Images Modify or Images Modify Resources for the change).",
                    ex.Method, ex.StatusCode, ex.ServerMessage, KasmEndpoints.GetImages.Permission, ex);
            }
            using (response)
            {
                if (response.Json.TryGetProperty("images", out var images) && images.ValueKind == JsonValueKind.Array)
                    foreach (var image in images.EnumerateArray())
                        if (image.ValueKind == JsonValueKind.Object && image.TryGetProperty("image_id", out var id) && id.ValueKind == JsonValueKind.String
                            && Guid.TryParse(id.GetString(), out var found) && found == imageId)
                            return (JsonObject)JsonNode.Parse(image.GetRawText())!;
            }
            throw new KasmApiException(KasmErrorId.ItemNotFound, $"No workspace has the id {imageId}; nothing was changed.",
                KasmEndpoints.GetImages.Name, 0, null, KasmEndpoints.GetImages.Permission);
        }

        /// <summary>The target_image to send: the image as read, in the form update_image reads, with the changes applied.</summary>
        internal static JsonObject WholeImage(Guid imageId, JsonObject current, IDictionary<string, object?> changes)
        {
            var target = new JsonObject();
            foreach (var field in current)
            {
                if (field.Value == null || changes.ContainsKey(field.Key)) continue;
                target[field.Key] = AsSent(field.Key, field.Value);
            }
            foreach (var change in changes)
            {
                var node = JsonPayload.ToNode(change.Value);
                if (node != null) target[change.Key] = AsSent(change.Key, node);
            }
            // Web filtering forced off shows as filter_policy_id null and filter_policy_force_disabled true, while
            // update_image takes the word "force_disabled" in filter_policy_id for it: send both, so neither reading
            // of the server turns filtering back on.
            if (!changes.ContainsKey("filter_policy_id") && current["filter_policy_id"] == null
                && current["filter_policy_force_disabled"] is JsonValue forced && forced.TryGetValue<bool>(out var off) && off)
                target["filter_policy_id"] = "force_disabled";
            target["image_id"] = imageId.ToString("N");
            return target;
        }

        private static JsonNode AsSent(string field, JsonNode value)
        {
            if (Array.IndexOf(ImageJsonTextFields, field) >= 0 && !(value is JsonValue))
                return JsonValue.Create(value.ToJsonString())!;
            if (field == "categories" && value is JsonArray list)
                return JsonValue.Create(string.Join("\n", list.Where(c => c != null).Select(c => c is JsonValue v && v.TryGetValue<string>(out var text) ? text : c!.ToJsonString())))!;
            return value.DeepClone();
        }
    }
}
