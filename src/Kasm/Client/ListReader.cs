using System;
using System.Text.Json;

namespace Kasm.Client
{
    /// <summary>
    /// Reads a list answer ({"key": [item, item, ...], ...}) from its stream one item at a time with Utf8JsonReader, so
    /// the first object is mapped before the body has arrived and an abandoned enumeration stops the download. Each
    /// item's bytes stay in the reader's buffer: they are checked there (ResponseClassifier.TryCheckItem) and mapped
    /// from there (ModelMapper.MapItem), never parsed into a document of their own. An answer of another shape (the
    /// key not first, an error, an empty {}) is read whole and handed back for the usual checks (<see cref="Start"/>).
    /// </summary>
    internal sealed class ListReader
    {
        private readonly ResponseStream _stream;
        private readonly string _property;
        private readonly KasmResponse _response;
        private byte[] _buffer = new byte[16 * 1024];
        private int _start, _end;
        private bool _eof;
        private JsonReaderState _state = new JsonReaderState(new JsonReaderOptions { MaxDepth = 64 });

        public ListReader(KasmResponse response, string property)
        {
            _response = response;
            _stream = response.Stream!;
            _property = property;
        }

        /// <summary>
        /// True when the answer starts {"key": [ and its items follow; false (with the whole body) when it has another
        /// shape, to be checked and mapped as a read answer.
        /// </summary>
        public bool Start(out byte[] whole)
        {
            whole = Array.Empty<byte>();
            while (true)
            {
                var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _start, _end - _start), _eof, _state);
                int header;
                try { header = Header(ref reader); }
                catch (JsonException) { header = 0; }
                if (header == 1)
                {
                    Commit(ref reader);
                    return true;
                }
                if (header == 0 || !Fill())
                {
                    while (Fill()) { }
                    whole = new byte[_end];
                    Buffer.BlockCopy(_buffer, 0, whole, 0, _end);
                    return false;
                }
            }
        }

        /// <summary>1: the list starts here; 0: another shape; -1: more bytes needed.</summary>
        private int Header(ref Utf8JsonReader reader)
        {
            if (!reader.Read()) return -1;
            if (reader.TokenType != JsonTokenType.StartObject) return 0;
            if (!reader.Read()) return -1;
            if (reader.TokenType != JsonTokenType.PropertyName || !reader.ValueTextEquals(_property)) return 0;
            if (!reader.Read()) return -1;
            return reader.TokenType == JsonTokenType.StartArray ? 1 : 0;
        }

        /// <summary>
        /// The next item's own bytes (well-formed JSON, checked by <see cref="ResponseClassifier.TryCheckItem"/>) in the
        /// reader's buffer, valid until the next call; or false after the last one (the rest of the body is read).
        /// </summary>
        public bool Next(out ArraySegment<byte> bytes)
        {
            bytes = default;
            while (true)
            {
                var reader = new Utf8JsonReader(new ReadOnlySpan<byte>(_buffer, _start, _end - _start), _eof, _state);
                int itemStart = 0, itemEnd = 0, found;
                try
                {
                    found = Item(ref reader, ref itemStart, ref itemEnd);
                }
                catch (JsonException ex)
                {
                    throw Unreadable(ex);
                }
                if (found == 1)
                {
                    bytes = new ArraySegment<byte>(_buffer, _start + itemStart, itemEnd - itemStart);
                    if (!ResponseClassifier.TryCheckItem(bytes, out var error))
                        throw Unreadable(error);
                    Commit(ref reader);
                    return true;
                }
                if (found == 0)
                {
                    Commit(ref reader);
                    // The closing brace (and anything after the list): read, so the connection can be used again.
                    while (Fill()) _start = _end;
                    return false;
                }
                if (!Fill()) throw Unreadable(null);
            }
        }

        /// <summary>1: an item between the offsets; 0: the end of the list; -1: more bytes needed.</summary>
        private static int Item(ref Utf8JsonReader reader, ref int itemStart, ref int itemEnd)
        {
            if (!reader.Read()) return -1;
            if (reader.TokenType == JsonTokenType.EndArray) return 0;
            itemStart = (int)reader.TokenStartIndex;
            if ((reader.TokenType == JsonTokenType.StartObject || reader.TokenType == JsonTokenType.StartArray) && !reader.TrySkip()) return -1;
            itemEnd = (int)reader.BytesConsumed;
            return 1;
        }

        private void Commit(ref Utf8JsonReader reader)
        {
            _start += (int)reader.BytesConsumed;
            _state = reader.CurrentState;
        }

        /// <summary>Reads more of the body (keeping what is not consumed); false at its end.</summary>
        private bool Fill()
        {
            if (_eof) return false;
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            int n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0) _eof = true;
            _end += n;
            return n > 0 || _end > _start;
        }

        private KasmApiException Unreadable(Exception? inner)
        {
            var seen = new byte[_end - _start];
            Buffer.BlockCopy(_buffer, _start, seen, 0, seen.Length);
            return ResponseClassifier.Unreadable(_response.Endpoint, 200, _response.ContentType, seen.Length == 0 ? new byte[] { (byte)'[' } : seen, inner);
        }
    }
}
