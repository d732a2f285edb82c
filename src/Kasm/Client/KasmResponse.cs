using System;
using System.Text.Json;

namespace Kasm.Client
{
    /// <summary>A successful answer: status 200 and a body. Owns the parsed JSON, so dispose it.</summary>
    internal sealed class KasmResponse : IDisposable
    {
        private JsonDocument? _document;
        private bool _parsed;
        private Exception? _parseError;

        public KasmResponse(KasmEndpoint endpoint, int statusCode, string? contentType, byte[] body)
        {
            Endpoint = endpoint;
            StatusCode = statusCode;
            ContentType = contentType;
            Body = body;
        }

        /// <summary>A 200 JSON answer not read yet (lists, <see cref="KasmTransport.SendForList"/>); Body is empty then.</summary>
        public KasmResponse(KasmEndpoint endpoint, int statusCode, string? contentType, ResponseStream stream)
            : this(endpoint, statusCode, contentType, Array.Empty<byte>())
        {
            Stream = stream;
        }

        /// <summary>The unread answer of a streamed list, or null.</summary>
        public ResponseStream? Stream { get; }

        public KasmEndpoint Endpoint { get; }
        public int StatusCode { get; }
        public string? ContentType { get; }
        public byte[] Body { get; }

        /// <summary>How many times the request was sent to get this answer (more than 1 after retries).</summary>
        public int Attempts { get; internal set; } = 1;

        /// <summary>Set when the answer is a partial success: what was made is in the body, and this says what failed.</summary>
        public KasmApiException? Partial { get; internal set; }

        /// <summary>The body as JSON; throws KasmUnexpectedResponse when it is not.</summary>
        public JsonElement Json
        {
            get
            {
                if (TryJson() is JsonElement root) return root;
                throw ResponseClassifier.Unreadable(Endpoint, StatusCode, ContentType, Body, _parseError);
            }
        }

        /// <summary>The body as JSON, or null when it is not (parsed once, by the strict rules, whoever asks first).</summary>
        public JsonElement? TryJson()
        {
            if (!_parsed)
            {
                _parsed = true;
                ResponseClassifier.TryParseDocument(Body, out _document, out _parseError);
            }
            return _document?.RootElement;
        }

        /// <summary>
        /// Set when objects read from the answer keep pointing into it (lazy AdditionalProperties): Dispose then leaves
        /// the parsed document to the garbage collector instead of returning its buffers.
        /// </summary>
        public bool KeepDocument { get; set; }

        public void Dispose()
        {
            Stream?.Dispose();
            if (!KeepDocument) _document?.Dispose();
        }
    }
}
