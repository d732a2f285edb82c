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
    }
}
