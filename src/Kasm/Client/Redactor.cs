using System;
using System.Collections.Generic;
using System.Text;
using System.Text.Json;

namespace Kasm.Client
{
    /// <summary>
    /// Replaces every secret in a JSON text by ***: api_key_secret, passwords, session and login tokens, URLs that
    /// embed a token, masked-on-read provider secrets. Non-JSON text keeps its shape but loses the connection secret.
    /// </summary>
    internal static class Redactor
    {
        public const string Mask = "***";

        private static readonly HashSet<string> SecretKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "api_key_secret", "cmd", "password", "session_token", "token", "view_only_token", "client_secret",
            "s3_secret_access_key", "webdav_pass", "docker_token", "ssh_private_key", "ssh_passphrase",
            "connection_password", "connection_private_key", "connection_passphrase", "oauth_token",
            "registry_password", "license_key", "activation_key", "secret",
            // URLs that carry a login or session token (request_kasm, get_kasm_status, get_login).
            "kasm_url", "url",
        };

        public static bool IsSecretKey(string key) =>
            SecretKeys.Contains(key) || key.IndexOf("secret", StringComparison.OrdinalIgnoreCase) >= 0
            || key.IndexOf("password", StringComparison.OrdinalIgnoreCase) >= 0
            || (key.IndexOf("token", StringComparison.OrdinalIgnoreCase) >= 0 && !key.EndsWith("_date", StringComparison.OrdinalIgnoreCase));

        /// <summary>Redacts a JSON document; text that is not JSON only loses <paramref name="secret"/>.</summary>
        public static string Redact(byte[] body, int maxChars, string? secret)
        {
            string text;
            try
            {
                using var doc = JsonDocument.Parse(body);
                var buffer = new System.IO.MemoryStream();
                using (var writer = new Utf8JsonWriter(buffer))
                    WriteRedacted(doc.RootElement, writer);
                text = Encoding.UTF8.GetString(buffer.ToArray());
            }
            catch (JsonException)
            {
                text = Encoding.UTF8.GetString(body);
            }
            text = Scrub(text, secret);
            return text.Length > maxChars ? text.Substring(0, maxChars) + $"... ({text.Length - maxChars} more characters)" : text;
        }

        /// <summary>Removes a known secret from free text (error messages, HTML bodies).</summary>
        public static string Scrub(string text, string? secret) =>
            string.IsNullOrEmpty(secret) || text.IndexOf(secret, StringComparison.Ordinal) < 0 ? text : text.Replace(secret, Mask);

        private static void WriteRedacted(JsonElement element, Utf8JsonWriter writer)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    writer.WriteStartObject();
                    foreach (var p in element.EnumerateObject())
                    {
                        writer.WritePropertyName(p.Name);
                        if (IsSecretKey(p.Name) && p.Value.ValueKind != JsonValueKind.Null
                            && !(p.Value.ValueKind == JsonValueKind.String && p.Value.GetString()!.Length == 0))
                            writer.WriteStringValue(Mask);
                        else
                            WriteRedacted(p.Value, writer);
                    }
                    writer.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    writer.WriteStartArray();
                    foreach (var item in element.EnumerateArray()) WriteRedacted(item, writer);
                    writer.WriteEndArray();
                    break;
                default:
                    element.WriteTo(writer);
                    break;
            }
        }
    }
}
