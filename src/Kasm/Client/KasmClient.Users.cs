using System;
using System.Collections.Generic;
using System.Text.Json.Nodes;
using System.Threading;
using Kasm.Models;

namespace Kasm.Client
{
    internal sealed partial class KasmClient
    {
        public IEnumerable<KasmUser> GetUsers(CancellationToken cancel) =>
            List<KasmUser>(KasmEndpoints.GetUsers, null, "users", cancel);

        public KasmUser GetUser(Guid userId, CancellationToken cancel)
        {
            var body = new JsonObject { ["target_user"] = new JsonObject { ["user_id"] = userId.ToString("N") } };
            using var response = _transport.Send(KasmEndpoints.GetUser, body, cancel);
            return ModelMapper.Map<KasmUser>(Property(response, "user"), Connection, response.Endpoint.Name);
        }

        /// <summary>create_user with the given fields (username required; the server lowercases and trims it).</summary>
        public KasmUser CreateUser(IDictionary<string, object?> fields, CancellationToken cancel)
        {
            if (!fields.TryGetValue("username", out var name) || string.IsNullOrWhiteSpace(name as string))
                throw new ArgumentException("A user needs a user name.");
            using var response = _transport.Send(KasmEndpoints.CreateUser, Target("target_user", fields), cancel);
            return Made(response, ModelMapper.Map<KasmUser>(Property(response, "user"), Connection, response.Endpoint.Name));
        }

        /// <summary>
        /// update_user with only the given fields. The API requires the user name even when it does not change, so it
        /// is looked up with get_user when the caller does not know it.
        /// </summary>
        public KasmUser UpdateUser(Guid userId, string? userName, IDictionary<string, object?> changes, CancellationToken cancel)
        {
            var fields = new Dictionary<string, object?>(changes, StringComparer.Ordinal)
            {
                ["user_id"] = userId,
                ["username"] = string.IsNullOrWhiteSpace(userName) ? GetUser(userId, cancel).UserName : userName,
            };
            using var response = _transport.Send(KasmEndpoints.UpdateUser, Target("target_user", fields), cancel);
            return Made(response, ModelMapper.Map<KasmUser>(Property(response, "user"), Connection, response.Endpoint.Name));
        }

        private static JsonObject TargetUser(Guid userId) =>
            new JsonObject { ["target_user"] = new JsonObject { ["user_id"] = userId.ToString("N") } };

        /// <summary>
        /// delete_user. Without <paramref name="force"/> Kasm refuses a user who has sessions; with it, it ends them too
        /// (the key then also needs Sessions Delete). force is always sent as a JSON boolean, as Kasm requires.
        /// </summary>
        public void DeleteUser(Guid userId, bool force, CancellationToken cancel)
        {
            var body = TargetUser(userId);
            body["force"] = force;
            using var _ = _transport.Send(KasmEndpoints.DeleteUser, body, cancel);
        }

        /// <summary>logout_user: removes all of the user's login tokens (every browser login and login link).</summary>
        public void LogoutUser(Guid userId, CancellationToken cancel)
        {
            using var _ = _transport.Send(KasmEndpoints.LogoutUser, TargetUser(userId), cancel);
        }

        /// <summary>get_login: a one-click login link for the user. The link is a credential.</summary>
        public KasmLoginLink GetLoginLink(Guid userId, CancellationToken cancel)
        {
            using var response = _transport.Send(KasmEndpoints.GetLogin, TargetUser(userId), cancel);
            var link = ModelMapper.Map<KasmLoginLink>(response.Json, Connection);
            link.UserId = userId;
            if (link.Url == null)
                throw new KasmApiException(KasmErrorId.UnexpectedResponse, $"Kasm answered get_login for user {userId} without a url.",
                    KasmEndpoints.GetLogin.Name, response.StatusCode, null, KasmEndpoints.GetLogin.Permission);
            return link;
        }

        /// <summary>get_attributes: the user's preferences.</summary>
        public KasmUserAttributes GetUserAttributes(Guid userId, CancellationToken cancel)
        {
            using var response = _transport.Send(KasmEndpoints.GetAttributes, TargetUser(userId), cancel);
            var attributes = ModelMapper.Map<KasmUserAttributes>(Property(response, "user_attributes"), Connection);
            if (attributes.UserId == Guid.Empty) attributes.UserId = userId;
            return attributes;
        }

        /// <summary>
        /// update_user_attributes with only the given fields, and <paramref name="clear"/> sent as JSON null (the one way
        /// to remove a value such as the default workspace; a null in <paramref name="changes"/> is left out, as always).
        /// </summary>
        public void UpdateUserAttributes(Guid userId, IDictionary<string, object?> changes, IEnumerable<string>? clear, CancellationToken cancel)
        {
            var fields = new Dictionary<string, object?>(changes, StringComparer.Ordinal) { ["user_id"] = userId };
            var body = Target("target_user_attributes", fields);
            var target = (JsonObject)body["target_user_attributes"]!;
            foreach (var name in clear ?? new string[0]) target[name] = null;
            if (target.Count < 2) throw new ArgumentException("Nothing to change: give at least one attribute.");
            using var _ = _transport.Send(KasmEndpoints.UpdateUserAttributes, body, cancel);
        }
    }
}
