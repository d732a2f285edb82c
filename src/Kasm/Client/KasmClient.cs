using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using Kasm.Models;

namespace Kasm.Client
{
    /// <summary>
    /// The one API client the cmdlets use. Every operation of the module lives here, so it is tested here;
    /// cmdlets only bind parameters, ask ShouldProcess and write what this returns.
    /// </summary>
    internal sealed partial class KasmClient
    {
        private readonly KasmTransport _transport;
        private readonly IKasmItemErrors? _itemErrors;

        public KasmClient(KasmConnection connection, IKasmLog log)
        {
            _transport = new KasmTransport(connection, log);
            _itemErrors = log as IKasmItemErrors;
        }

        public KasmConnection Connection => _transport.Connection;

        /// <summary>Any method, for Invoke-KasmApi: the answer is returned whatever it says, unless it is an error.</summary>
        public KasmResponse Invoke(KasmEndpoint endpoint, JsonObject? body, bool expectJson, CancellationToken cancel) =>
            _transport.Send(endpoint, body, cancel, expectJson);

        // ---- images ----

        public IEnumerable<KasmImage> GetImages(CancellationToken cancel) =>
            List<KasmImage>(KasmEndpoints.GetImages, null, "images", cancel, FinishImage);

        /// <summary>GetImages' mapping of one answer, for the unit tests.</summary>
        internal IEnumerable<KasmImage> GetImagesForTest(KasmResponse response) => Enumerate<KasmImage>(response, "images", FinishImage);

        private static KasmImage FinishImage(KasmImage image)
        {
            // The API reports the image size in (decimal) MB; the module's sizes are bytes. A size that cannot be read
            // as a whole number of MB that fits stays in AdditionalProperties as it came (docs/kasm-api.md#odd-answers).
            if (image.TryGetAdditional("uncompressed_size_mb", out var mb))
            {
                if (mb == null || mb is string none && KasmValue.IsNone(none))
                    image.RemoveAdditional("uncompressed_size_mb");
                else if (KasmValue.TryReadKeptNumber(mb, typeof(long), out var size) && size is long megabytes
                         && megabytes >= 0 && megabytes <= long.MaxValue / 1_000_000L)
                {
                    image.UncompressedSize = megabytes * 1_000_000L;
                    image.RemoveAdditional("uncompressed_size_mb");
                }
            }
            return image;
        }

        // ---- system ----

        public KasmSystemInfo GetSystemInfo(CancellationToken cancel)
        {
            using var response = _transport.Send(KasmEndpoints.SystemInfo, null, cancel);
            response.KeepDocument = true;
            var info = ModelMapper.Map<KasmSystemInfo>(Property(response, "system_info"), Connection, response.Endpoint.Name, lazy: true);
            info.Version = KasmValue.ParseBuildVersion(info.BuildId);
            return info;
        }

        // ---- shared helpers ----

        /// <summary>
        /// Sends the call, then maps the array under <paramref name="property"/> one element at a time as the caller
        /// enumerates, so Select-Object -First stops the work early. The response is released when enumeration ends.
        /// </summary>
        private IEnumerable<T> List<T>(KasmEndpoint endpoint, JsonObject? body, string property, CancellationToken cancel,
            Func<T, T>? finish = null) where T : KasmObject, new()
        {
            var response = _transport.SendForList(endpoint, body, cancel);
            return response.Stream != null ? EnumerateStream(response, property, finish) : Enumerate(response, property, finish);
        }

        /// <summary>
        /// A list read as it arrives (<see cref="ListReader"/>): each item is mapped and handed on before the next is
        /// read, and leaving early (Select-Object -First) disposes the response, which stops the download. An answer that
        /// is not a plain list is read whole and goes the usual way.
        /// </summary>
        private IEnumerable<T> EnumerateStream<T>(KasmResponse response, string property, Func<T, T>? finish) where T : KasmObject, new()
        {
            using (response)
            {
                if (response.Stream!.ContentLength is long size && size <= WholeListBytes)
                {
                    // A small answer of announced length is read whole and parsed once: cutting it into items costs
                    // more than it saves (a first object cannot come much sooner than the whole of 64 KB).
                    var small = _transport.Check(new KasmResponse(response.Endpoint, response.StatusCode, response.ContentType, response.Stream.ReadToEnd((int)size)) { Attempts = response.Attempts }, true);
                    foreach (var item in Enumerate(small, property, finish)) yield return item;
                    yield break;
                }
                var reader = new ListReader(response, property);
                if (!reader.Start(out var whole))
                {
                    var read = _transport.Check(new KasmResponse(response.Endpoint, response.StatusCode, response.ContentType, whole) { Attempts = response.Attempts }, true);
                    foreach (var item in Enumerate(read, property, finish)) yield return item;
                    yield break;
                }
                while (reader.Next(out var bytes))
                {
                    T mapped;
                    try
                    {
                        // The object keeps only the text of its unmodelled fields, parsed if its AdditionalProperties are read.
                        mapped = ModelMapper.MapItem<T>(bytes, Connection, response.Endpoint.Name);
                    }
                    catch (KasmApiException bad) when (_itemErrors != null)
                    {
                        _itemErrors.ItemFailed(bad);
                        continue;
                    }
                    yield return finish == null ? mapped : finish(mapped);
                }
            }
        }

        /// <summary>
        /// The largest list answer of announced length that is read whole rather than item by item (chunked answers,
        /// such as the emulator's for 1,000 entries or more, are always read as they arrive).
        /// </summary>
        internal const int WholeListBytes = 64 * 1024;

        /// <summary>The list mapping of one answer, for the unit tests.</summary>
        internal static IEnumerable<T> EnumerateForTest<T>(KasmClient client, KasmResponse response, string property) where T : KasmObject, new() =>
            client.Enumerate<T>(response, property, null);

        private IEnumerable<T> Enumerate<T>(KasmResponse response, string property, Func<T, T>? finish) where T : KasmObject, new()
        {
            response.KeepDocument = true;
            using (response)
            {
                var root = response.Json;
                // An empty list may come back as {} (get_users with no users in 1.15) or without the key.
                if (!root.TryGetProperty(property, out var items) || items.ValueKind == JsonValueKind.Null) yield break;
                if (items.ValueKind != JsonValueKind.Array)
                    throw ResponseClassifier.Unreadable(response.Endpoint, response.StatusCode, response.ContentType, response.Body, null);
                foreach (var item in items.EnumerateArray())
                {
                    T mapped;
                    try
                    {
                        // Lazy: the unmodelled fields stay in the answer until asked for, so the answer outlives the response.
                        mapped = ModelMapper.Map<T>(item, Connection, response.Endpoint.Name, lazy: true);
                    }
                    catch (KasmApiException bad) when (_itemErrors != null)
                    {
                        // One unusable item (no readable id): reported, and the list goes on (docs/kasm-api.md#odd-answers).
                        _itemErrors.ItemFailed(bad);
                        continue;
                    }
                    yield return finish == null ? mapped : finish(mapped);
                }
            }
        }

        /// <summary>The object under <paramref name="name"/>, or an unexpected-response error when it is missing.</summary>
        private static JsonElement Property(KasmResponse response, string name)
        {
            var root = response.Json;
            if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object) return value;
            throw new KasmApiException(KasmErrorId.UnexpectedResponse,
                $"Kasm answered {response.Endpoint.Name} without the '{name}' object it should contain.",
                response.Endpoint.Name, response.StatusCode, null, response.Endpoint.Permission);
        }

        /// <summary>
        /// A target_* object from the given fields. A null value is left out, never sent: Kasm reads a JSON null as a
        /// value, not as "absent" (user_id: null is a 400, docs/kasm-api.md).
        /// </summary>
        internal static JsonObject Target(string key, IDictionary<string, object?> fields)
        {
            var target = new JsonObject();
            foreach (var f in fields)
            {
                var node = JsonPayload.ToNode(f.Value);
                if (node != null) target[f.Key] = node;
            }
            return new JsonObject { [key] = target };
        }

        /// <summary>
        /// Returns what a method made, unless the answer was a partial success (decided once, in the transport, from
        /// the endpoint's <see cref="KasmEndpoint.Made"/> key): then the object rides on the KasmPartialSuccess error,
        /// which the cmdlets output before writing the error.
        /// </summary>
        private static T Made<T>(KasmResponse response, T made)
        {
            if (response.Partial is KasmApiException partial)
            {
                partial.Result = made;
                throw partial;
            }
            return made;
        }
    }
}
