using System;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Kasm.Client
{
    /// <summary>
    /// Turns whatever a Kasm server sent back into success or a KasmApiException with the right id (docs/design.md).
    /// Decides by HTTP status, content and the presence of error_message only, never by the text of a message.
    /// </summary>
    internal static class ResponseClassifier
    {
        /// <summary>Null for a usable answer; otherwise the exception that describes the failure.</summary>
        public static KasmApiException? Classify(KasmEndpoint endpoint, int status, string? contentType, byte[] body, string? secret, bool expectJson = true)
        {
            if (!TryParseDocument(body, out var doc, out _)) return Classify(endpoint, status, contentType, body, secret, expectJson, null);
            using (doc) return Classify(endpoint, status, contentType, body, secret, expectJson, doc!.RootElement);
        }

        /// <summary>
        /// <see cref="Classify(KasmEndpoint, int, string?, byte[], string?, bool)"/> for a body already parsed (by the
        /// same strict rules): <paramref name="json"/> is its root, or null when it is not JSON. Parsing once per answer
        /// instead of once per check is most of what a small call costs beyond HTTP.
        /// </summary>
        internal static KasmApiException? Classify(KasmEndpoint endpoint, int status, string? contentType, byte[] body, string? secret, bool expectJson, JsonElement? json)
        {
            string? serverMessage = MessageOf(body, secret, json);
            if (status >= 200 && status < 300)
            {
                bool parsed = json.HasValue;
                var root = json.GetValueOrDefault();
                if (parsed && root.ValueKind == JsonValueKind.Object && serverMessage != null && HasErrorMessage(root) && !HasMade(endpoint, root))
                    return new KasmApiException(KasmErrorId.ApiError, $"Kasm could not complete {endpoint.Name}: {serverMessage}",
                        endpoint.Name, status, serverMessage, endpoint.Permission);
                if (!expectJson) return null;
                return parsed && root.ValueKind == JsonValueKind.Object ? null : Unreadable(endpoint, status, contentType, body, null);
            }

            string statusText = $"HTTP {status} {Reason(status)}".TrimEnd();
            string said = serverMessage != null ? $": {serverMessage}" : string.Empty;
            switch (status)
            {
                case 400:
                    return new KasmApiException(KasmErrorId.InvalidRequest, $"Kasm rejected the {endpoint.Name} request ({statusText}){said}.",
                        endpoint.Name, status, serverMessage, endpoint.Permission);
                case 401:
                case 403:
                    // Kasm versions disagree on 401 versus 403 for a bad key, an expired key, a read-only key and a
                    // missing permission, so the message names everything to check (docs/kasm-api.md#transport-and-authentication).
                    return new KasmApiException(status == 401 ? KasmErrorId.Unauthorized : KasmErrorId.Forbidden,
                        $"Kasm refused {endpoint.Name} ({statusText}){said}. Check that the API key and secret are right and the key is enabled, " +
                        $"that it has not expired, that it is not read-only{(endpoint.ReadOnly ? string.Empty : " (this method changes something)")}, " +
                        $"and that it holds the permission '{endpoint.Permission}'.",
                        endpoint.Name, status, serverMessage, endpoint.Permission);
                case 404:
                    return new KasmApiException(KasmErrorId.NotFound,
                        $"Kasm answered {statusText} to {endpoint.Name}{said}. Either the item does not exist, or this server has no method at /{endpoint.RelativePath}.",
                        endpoint.Name, status, serverMessage, endpoint.Permission);
            }
            if (status == 429 || status >= 500)
                return new KasmApiException(KasmErrorId.ServerError,
                    $"The Kasm server failed on {endpoint.Name} ({statusText}){said}. The fault is on the server side; its kasm_api log has the details.",
                    endpoint.Name, status, serverMessage, endpoint.Permission);
            if (status >= 400)
                return new KasmApiException(KasmErrorId.InvalidRequest, $"Kasm rejected the {endpoint.Name} request ({statusText}){said}.",
                    endpoint.Name, status, serverMessage, endpoint.Permission);
            return new KasmApiException(KasmErrorId.UnexpectedResponse, $"Kasm answered {endpoint.Name} with an unexpected {statusText}{said}.",
                endpoint.Name, status, serverMessage, endpoint.Permission);
        }

        /// <summary>
        /// The error of a partial success: a 2xx answer that holds what the method made (<see cref="KasmEndpoint.Made"/>)
        /// and an error_message. Null when the answer is a plain success. Decided here once for every method.
        /// </summary>
        public static KasmApiException? Partial(KasmEndpoint endpoint, int status, string? contentType, byte[] body, string? secret)
        {
            if (endpoint.Made == null || status < 200 || status >= 300 || !TryParse(body, out var root)) return null;
            return Partial(endpoint, status, contentType, body, secret, root);
        }

        /// <summary><see cref="Partial(KasmEndpoint, int, string?, byte[], string?)"/> for a body already parsed (null: not JSON).</summary>
        internal static KasmApiException? Partial(KasmEndpoint endpoint, int status, string? contentType, byte[] body, string? secret, JsonElement? json)
        {
            if (endpoint.Made == null || status < 200 || status >= 300 || !(json is JsonElement root)
                || root.ValueKind != JsonValueKind.Object || !HasErrorMessage(root) || !HasMade(endpoint, root))
                return null;
            string? serverMessage = MessageOf(body, secret, json);
            return new KasmApiException(KasmErrorId.PartialSuccess,
                $"Kasm completed {endpoint.Name} but reported a failure next to the result: {serverMessage}. What was made exists on the server (it is output, and is this error's target).",
                endpoint.Name, status, serverMessage, endpoint.Permission);
        }

        private static bool HasMade(KasmEndpoint endpoint, JsonElement root) =>
            endpoint.Made != null && root.TryGetProperty(endpoint.Made, out var made) && made.ValueKind != JsonValueKind.Null;

        /// <summary>The exception for a 2xx answer whose body is not the JSON object expected.</summary>
        public static KasmApiException Unreadable(KasmEndpoint endpoint, int status, string? contentType, byte[] body, Exception? inner)
        {
            string what = body.Length == 0 ? "an empty body"
                : LooksLikeHtml(contentType, body) ? "an HTML page"
                : inner == null && TryParse(body, out var root) ? $"invalid JSON for this method (a JSON {Kind(root.ValueKind)})"
                : "truncated, invalid or too deeply nested JSON";
            return new KasmApiException(KasmErrorId.UnexpectedResponse,
                $"Kasm answered {endpoint.Name} with {what} (HTTP {status}) where a JSON object was expected. A proxy in front of Kasm, or a server fault, can cause this.",
                endpoint.Name, status, null, endpoint.Permission, inner);
        }

        private static string Kind(JsonValueKind kind) => kind switch
        {
            JsonValueKind.Array => "array",
            JsonValueKind.String => "text",
            JsonValueKind.Number => "number",
            JsonValueKind.Null => "null",
            JsonValueKind.True or JsonValueKind.False => "boolean",
            _ => "object",
        };

        private static bool HasErrorMessage(JsonElement root) =>
            root.TryGetProperty("error_message", out var m) && m.ValueKind != JsonValueKind.Null;

        private static bool TryParse(byte[] body, out JsonElement root)
        {
            root = default;
            if (!TryParseDocument(body, out var doc, out _)) return false;
            using (doc) root = doc!.RootElement.Clone();
            return true;
        }

        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);

        /// <summary>
        /// One item of a streamed list, checked in place under the same rules as <see cref="TryParseDocument"/>: strict
        /// UTF-8 and no lone surrogate escape. Its syntax and depth (counted from the answer's top, where it sits two
        /// levels down) were checked by the reader that cut it out (ListReader), so it is not parsed here: the mapper
        /// reads it once (ModelMapper.MapItem).
        /// </summary>
        internal static bool TryCheckItem(ArraySegment<byte> item, out Exception? error)
        {
            error = null;
            try
            {
                StrictUtf8.GetCharCount(item.Array!, item.Offset, item.Count);
                if (HasSurrogateEscape(item))
                {
                    using var document = JsonDocument.Parse(item.AsMemory(), new JsonDocumentOptions { MaxDepth = 62 });
                    CheckStrings(document.RootElement);
                }
                return true;
            }
            catch (Exception ex) when (IsUnreadable(ex))
            {
                error = ex;
                return false;
            }
        }

        /// <summary>
        /// Parses a body as JSON, or says why not; never throws. Refused: an empty body, bytes that are not UTF-8 (which
        /// System.Text.Json would otherwise only notice when a string is read), and nesting deeper than 64 levels
        /// (System.Text.Json's default MaxDepth; Kasm's answers nest a few levels). All are KasmUnexpectedResponse.
        /// </summary>
        internal static bool TryParseDocument(byte[] body, out JsonDocument? document, out Exception? error)
        {
            document = null;
            error = null;
            return body.Length != 0 && TryParse(body, out document, out error);
        }

        /// <summary>Strict UTF-8, at most 64 levels, no lone surrogate escape in a string.</summary>
        private static bool TryParse(byte[] body, out JsonDocument? document, out Exception? error)
        {
            document = null;
            error = null;
            try
            {
                StrictUtf8.GetCharCount(body);
                document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
                if (HasSurrogateEscape(body)) CheckStrings(document.RootElement);
                return true;
            }
            catch (Exception ex) when (IsUnreadable(ex))
            {
                document?.Dispose();
                document = null;
                error = ex;
                return false;
            }
        }

        /// <summary>
        /// What reading a body (or an item) that is not usable JSON throws: malformed JSON, bytes that are not UTF-8, and
        /// (InvalidOperationException) a \uD800-style escape without its pair, which System.Text.Json only notices when
        /// that string is read.
        /// </summary>
        private static bool IsUnreadable(Exception ex) =>
            ex is JsonException || ex is DecoderFallbackException || ex is ArgumentException || ex is InvalidOperationException;

        /// <summary>True when the body has a \uD800..\uDFFF escape (rare: only then are its strings checked).</summary>
        private static bool HasSurrogateEscape(byte[] body) => HasSurrogateEscape(new ArraySegment<byte>(body));

        private static bool HasSurrogateEscape(ArraySegment<byte> segment)
        {
            var body = segment.AsSpan();
            // Only a backslash can start an escape: jump from one to the next (a vectorised search).
            for (int i = body.IndexOf((byte)'\\'); i >= 0 && i + 3 < body.Length; i = NextBackslash(body, i))
            {
                if (body[i + 1] != (byte)'u') continue;
                byte d = body[i + 2], n = body[i + 3];
                if ((d == (byte)'d' || d == (byte)'D') && (n >= (byte)'8' && n <= (byte)'9' || n >= (byte)'a' && n <= (byte)'f' || n >= (byte)'A' && n <= (byte)'F'))
                    return true;
            }
            return false;
        }

        private static int NextBackslash(ReadOnlySpan<byte> body, int at)
        {
            int next = body.Slice(at + 1).IndexOf((byte)'\\');
            return next < 0 ? -1 : at + 1 + next;
        }

        /// <summary>Reads every string and name once; throws InvalidOperationException for a lone surrogate.</summary>
        private static void CheckStrings(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String: element.GetString(); break;
                case JsonValueKind.Array: foreach (var e in element.EnumerateArray()) CheckStrings(e); break;
                case JsonValueKind.Object:
                    foreach (var p in element.EnumerateObject()) { _ = p.Name; CheckStrings(p.Value); }
                    break;
            }
        }

        /// <summary>The server's error_message, or a short plain-text excerpt of an HTML or text body.</summary>
        internal static string? ServerMessage(byte[] body, string? contentType, string? secret)
        {
            if (!TryParseDocument(body, out var doc, out _)) return MessageOf(body, secret, null);
            using (doc) return MessageOf(body, secret, doc!.RootElement);
        }

        /// <summary>
        /// True when <see cref="MessageOf"/> may find a message in the answer (an error_message or error field, or a
        /// body that is not JSON), which is when the secret is needed to scrub it.
        /// </summary>
        internal static bool HasServerMessage(byte[] body, JsonElement? json)
        {
            if (body.Length == 0) return false;
            if (!(json is JsonElement root)) return true;
            return root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("error_message", out _) || root.TryGetProperty("error", out _));
        }

        private static string? MessageOf(byte[] body, string? secret, JsonElement? json)
        {
            if (!HasServerMessage(body, json)) return null;
            string? text = null;
            if (json is JsonElement root)
            {
                if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error_message", out var m) && m.ValueKind != JsonValueKind.Null)
                    text = m.ValueKind == JsonValueKind.String ? m.GetString() : m.GetRawText();
                else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String)
                    text = e.GetString();
            }
            else
            {
                string raw = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 2000));
                text = Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(raw, "<[^>]*>", " ")), @"\s+", " ").Trim();
                if (text.Length > 200) text = text.Substring(0, 200) + "...";
            }
            return string.IsNullOrWhiteSpace(text) ? null : Redactor.Scrub(text!, secret);
        }

        private static bool LooksLikeHtml(string? contentType, byte[] body)
        {
            if (contentType != null && contentType.IndexOf("html", StringComparison.OrdinalIgnoreCase) >= 0) return true;
            string start = Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 64)).TrimStart();
            return start.StartsWith("<", StringComparison.Ordinal);
        }

        private static string Reason(int status)
        {
            try
            {
                var name = ((HttpStatusCode)status).ToString();
                if (int.TryParse(name, out _)) return string.Empty;
                return Regex.Replace(name, "(?<=[a-z])(?=[A-Z])", " ");
            }
            catch (ArgumentException) { return string.Empty; }
        }
    }
}
