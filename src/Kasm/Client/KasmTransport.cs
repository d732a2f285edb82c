using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;

namespace Kasm.Client
{
    /// <summary>
    /// Sends one API call over the connection's HttpClient: credentials, timeout, retries with backoff, logging with
    /// secrets redacted, and the mapping of every failure to a KasmApiException (docs/design.md).
    /// Runs on the caller's thread (the pipeline thread), so log lines can go straight to Write-Verbose/Write-Debug.
    /// </summary>
    internal sealed class KasmTransport
    {
        private static readonly Random Jitter = new Random();
        private readonly KasmConnection _connection;
        private readonly IKasmLog _log;

        public KasmTransport(KasmConnection connection, IKasmLog log)
        {
            _connection = connection;
            _log = log;
        }

        public KasmConnection Connection => _connection;

        /// <summary>Sends and returns a usable 2xx answer, or throws the KasmApiException that describes the failure.</summary>
        public KasmResponse Send(KasmEndpoint endpoint, JsonObject? payload, CancellationToken cancel, bool expectJson = true)
        {
            return Check(SendRaw(endpoint, payload, cancel), expectJson);
        }

        /// <summary>
        /// For lists: a 200 JSON answer comes back unread, as a stream (<see cref="KasmResponse.Stream"/>) the caller
        /// reads as it maps; anything else is read and checked as <see cref="Send"/> does. With -Debug the body is read
        /// whole, so the Debug stream can show it.
        /// </summary>
        public KasmResponse SendForList(KasmEndpoint endpoint, JsonObject? payload, CancellationToken cancel)
        {
            var response = SendRaw(endpoint, payload, cancel, stream: !_log.IsDebugEnabled);
            return response.Stream != null ? response : Check(response, true);
        }

        /// <summary>A read answer checked as <see cref="Send"/> checks it: returned when usable, else its failure is thrown.</summary>
        public KasmResponse Check(KasmResponse response, bool expectJson)
        {
            var endpoint = response.Endpoint;
            // One parse serves the checks here and the caller's reading of response.Json.
            var json = response.TryJson();
            // The secret is needed only to scrub a message the server sent; most answers carry none.
            string? secret = ResponseClassifier.HasServerMessage(response.Body, json) ? SecretForScrub() : null;
            var failure = ResponseClassifier.Classify(endpoint, response.StatusCode, response.ContentType, response.Body, secret, expectJson, json);
            if (failure != null)
            {
                failure.Attempts = response.Attempts;
                response.Dispose();
                throw failure;
            }
            response.Partial = ResponseClassifier.Partial(endpoint, response.StatusCode, response.ContentType, response.Body, secret, json);
            return response;
        }

        /// <summary>Sends and returns whatever status came back; only transport failures throw.</summary>
        public KasmResponse SendRaw(KasmEndpoint endpoint, JsonObject? payload, CancellationToken cancel) => SendRaw(endpoint, payload, cancel, stream: false);

        private KasmResponse SendRaw(KasmEndpoint endpoint, JsonObject? payload, CancellationToken cancel, bool stream)
        {
            int maxAttempts = 1 + Math.Max(0, _connection.MaximumRetryCount);
            for (int attempt = 1; ; attempt++)
            {
                cancel.ThrowIfCancellationRequested();
                var watch = Stopwatch.StartNew();
                HttpResponseMessage? message = null;
                CancellationTokenSource? timeout = null;
                bool streaming = false;
                try
                {
                    timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                    timeout.CancelAfter(TimeSpan.FromSeconds(Math.Max(1, _connection.TimeoutSec)));
                    try
                    {
                        using var request = BuildRequest(endpoint, payload);
                        // A list may be read as a stream, so its answer is taken at the headers. Anything else is read
                        // whole inside SendAsync (one wait for the pipeline thread, not two: on a busy machine each
                        // blocking wait costs a thread switch, as much as the rest of a small call), under the same timeout.
                        var completion = stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead;
                        message = SendOn(_connection.Http, request, completion, timeout.Token);
                        string? mediaType = message.Content.Headers.ContentType?.MediaType;
                        if (stream && (int)message.StatusCode == 200 && string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
                        {
                            // Read as the caller maps (docs/design.md#6-transport): the timeout becomes an idle timeout
                            // per read, and the stream owns the response from here.
                            var streamed = new ResponseStream(message, timeout, cancel, TimeSpan.FromSeconds(Math.Max(1, _connection.TimeoutSec)), endpoint, _connection, _log, watch);
                            streaming = true;
                            return new KasmResponse(endpoint, 200, mediaType, streamed) { Attempts = attempt };
                        }
                        byte[] body;
                        // netstandard2.0 has no token on ReadAsByteArrayAsync: disposing the response aborts the read.
                        using (timeout.Token.Register(m => ((HttpResponseMessage)m!).Dispose(), message))
                            body = message.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
                        timeout.Token.ThrowIfCancellationRequested();
                        int status = (int)message.StatusCode;
                        _log.Verbose($"POST /{endpoint.RelativePath} -> {status} ({watch.ElapsedMilliseconds} ms, {body.Length} bytes)");
                        if (_log.IsDebugEnabled && body.Length > 0)
                        {
                            // A picture (a screenshot) is named, not written out as text.
                            string? media = message.Content.Headers.ContentType?.MediaType;
                            if (media != null && !media.Contains("json") && !media.StartsWith("text/", StringComparison.OrdinalIgnoreCase))
                                _log.Debug($"Response from {endpoint.Name}: {body.Length} bytes of {media}");
                            else
                                _log.Debug($"Response from {endpoint.Name}: {Redactor.Redact(body, 4000, SecretForScrub())}");
                        }

                        if (IsTransientStatus(status) && endpoint.RetrySafe && attempt < maxAttempts)
                        {
                            Wait(RetryDelay(attempt, message.Headers.RetryAfter), attempt, maxAttempts, $"HTTP {status}", cancel);
                            continue;
                        }
                        return new KasmResponse(endpoint, status, message.Content.Headers.ContentType?.MediaType, body) { Attempts = attempt };
                    }
                    catch (Exception ex) when (IsTimeout(ex, cancel, timeout!))
                    {
                        _log.Verbose($"POST /{endpoint.RelativePath} -> no answer within {_connection.TimeoutSec} s");
                        throw new KasmApiException(KasmErrorId.Timeout,
                            $"Kasm did not answer {endpoint.Name} within {_connection.TimeoutSec} seconds. Raise -TimeoutSec on Connect-Kasm if the server is just slow.",
                            endpoint.Name, 0, null, endpoint.Permission, ex);
                    }
                }
                catch (Exception ex) when (cancel.IsCancellationRequested && !(ex is OperationCanceledException))
                {
                    // Ctrl+C while the body was read: disposing the response surfaces as an I/O error. It is a stop.
                    throw new OperationCanceledException("The request was cancelled.", ex, cancel);
                }
                catch (Exception ex) when (!_connection.IsConnected && !(ex is KasmApiException))
                {
                    // Disconnect-Kasm (in another runspace) closed the client under this request.
                    throw new KasmApiException(KasmErrorId.NotConnected,
                        $"The connection to {_connection.Server.GetLeftPart(UriPartial.Authority)} was closed with Disconnect-Kasm while {endpoint.Name} was in flight.",
                        endpoint.Name, 0, null, endpoint.Permission, ex);
                }
                catch (Exception ex) when (!cancel.IsCancellationRequested && (ex is HttpRequestException || ex is IOException || ex is ObjectDisposedException && message != null))
                {
                    var failure = ConnectionFailure(endpoint, ex);
                    _log.Verbose($"POST /{endpoint.RelativePath} -> {failure.Kind} ({watch.ElapsedMilliseconds} ms)");
                    // A method that creates something is never resent once it may have reached the server; a refused
                    // connection proves it did not, so even those are retried then.
                    bool retry = failure.Transient && (endpoint.RetrySafe || failure.Kind == "refused") && attempt < maxAttempts;
                    if (!retry) throw failure.Exception;
                    Wait(RetryDelay(attempt, null), attempt, maxAttempts, failure.Kind, cancel);
                }
                finally
                {
                    if (!streaming)
                    {
                        message?.Dispose();
                        timeout?.Dispose();
                    }
                }
            }
        }

        /// <summary>
        /// HttpClient.Send (.NET 5 and later; PowerShell 7): the request is sent and its answer read on the calling
        /// thread. Not in netstandard2.0, so it is looked up once; Windows PowerShell 5.1 has none and blocks on SendAsync.
        /// </summary>
        internal static readonly Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>? SyncSend = FindSyncSend();

        private static Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>? FindSyncSend()
        {
            var send = typeof(HttpClient).GetMethod("Send", new[] { typeof(HttpRequestMessage), typeof(HttpCompletionOption), typeof(CancellationToken) });
            if (send == null || send.ReturnType != typeof(HttpResponseMessage)) return null;
            return (Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>)Delegate.CreateDelegate(
                typeof(Func<HttpClient, HttpRequestMessage, HttpCompletionOption, CancellationToken, HttpResponseMessage>), send);
        }

        /// <summary>
        /// Sends on the pipeline thread itself where the runtime can (<see cref="SyncSend"/>): a blocking wait on
        /// SendAsync costs a hand-off to a pool thread and back per request, which on a busy machine is as much as the
        /// rest of a small call. Same exceptions, same cancellation either way.
        /// </summary>
        internal static HttpResponseMessage SendOn(HttpClient http, HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancel) =>
            SyncSend != null && !ForceAsyncSend
                ? SyncSend(http, request, completion, cancel)
                : http.SendAsync(request, completion, cancel).GetAwaiter().GetResult();

        /// <summary>Tests only: the Windows PowerShell path (SendAsync and a blocking wait) on any runtime.</summary>
        internal static bool ForceAsyncSend;

        private static bool IsTimeout(Exception ex, CancellationToken cancel, CancellationTokenSource timeout) =>
            !cancel.IsCancellationRequested && timeout.IsCancellationRequested
            && (ex is OperationCanceledException || ex is ObjectDisposedException || ex is IOException || ex is HttpRequestException);

        private HttpRequestMessage BuildRequest(KasmEndpoint endpoint, JsonObject? payload)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, endpoint.RelativePath);
            bool basic = _connection.Authentication == KasmAuthentication.Basic;
            string secret = _connection.RevealSecret();
            if (basic)
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                    Convert.ToBase64String(Encoding.UTF8.GetBytes(_connection.ApiKey + ":" + secret)));

            var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                if (!basic)
                {
                    writer.WriteString("api_key", _connection.ApiKey);
                    writer.WriteString("api_key_secret", secret);
                }
                if (payload != null)
                    foreach (var p in payload)
                    {
                        writer.WritePropertyName(p.Key);
                        if (p.Value == null) writer.WriteNullValue(); else p.Value.WriteTo(writer);
                    }
                writer.WriteEndObject();
            }
            var content = new ByteArrayContent(buffer.ToArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Content = content;
            if (_log.IsDebugEnabled)
                _log.Debug($"Request to {endpoint.Name} ({(basic ? "Basic authentication" : "credentials in the body")}): {Redactor.Redact(buffer.ToArray(), 4000, secret)}");
            return request;
        }

        private string? SecretForScrub() => _connection.IsConnected ? _connection.RevealSecret() : null;

        private static bool IsTransientStatus(int status) => status == 429 || status == 502 || status == 503 || status == 504;

        private TimeSpan RetryDelay(int attempt, RetryConditionHeaderValue? retryAfter)
        {
            double seconds = _connection.RetryIntervalSec * Math.Pow(2, attempt - 1);
            lock (Jitter) seconds *= 0.8 + 0.4 * Jitter.NextDouble();
            if (retryAfter?.Delta is TimeSpan delta) seconds = Math.Max(seconds, delta.TotalSeconds);
            else if (retryAfter?.Date is DateTimeOffset date) seconds = Math.Max(seconds, (date - DateTimeOffset.UtcNow).TotalSeconds);
            return TimeSpan.FromSeconds(Math.Min(Math.Max(seconds, 0), 120));
        }

        private void Wait(TimeSpan delay, int attempt, int maxAttempts, string why, CancellationToken cancel)
        {
            _log.Verbose($"{why}: retrying in {delay.TotalSeconds:0.0} s (attempt {attempt + 1} of {maxAttempts})");
            if (cancel.WaitHandle.WaitOne(delay)) cancel.ThrowIfCancellationRequested();
        }

        private sealed class Failure
        {
            public Failure(string kind, bool transient, KasmApiException exception) { Kind = kind; Transient = transient; Exception = exception; }
            public string Kind { get; }
            public bool Transient { get; }
            public KasmApiException Exception { get; }
        }

        /// <summary>Names what went wrong below HTTP: name resolution, refusal, TLS trust, a reset.</summary>
        private Failure ConnectionFailure(KasmEndpoint endpoint, Exception ex)
        {
            string host = _connection.Server.GetLeftPart(UriPartial.Authority);
            var chain = Flatten(ex).ToList();
            var socket = chain.OfType<SocketException>().FirstOrDefault();
            var web = chain.OfType<WebException>().FirstOrDefault();
            bool tls = chain.Any(e => e is AuthenticationException)
                || web?.Status == WebExceptionStatus.TrustFailure || web?.Status == WebExceptionStatus.SecureChannelFailure;

            if (tls && _connection.LastRejectedThumbprint == null)
                return new Failure("TLS failure", false, new KasmApiException(KasmErrorId.ConnectionFailed,
                    $"The TLS handshake with {host} failed: {Innermost(ex).Message} The server and this machine share no TLS version or cipher " +
                    "(Kasm needs TLS 1.2 or later), or something between them broke the handshake.", endpoint.Name, 0, null, endpoint.Permission, ex));
            if (tls)
            {
                string? thumb = _connection.LastRejectedThumbprint;
                return new Failure("TLS failure", false, new KasmApiException(KasmErrorId.ConnectionFailed,
                    $"The TLS certificate of {host} is not trusted{(string.IsNullOrEmpty(thumb) ? string.Empty : $" (thumbprint {thumb})")}. " +
                    "Kasm installs use a self-signed certificate by default: pass -CertificateThumbprint with the thumbprint above to trust exactly that certificate, " +
                    "or -SkipCertificateCheck to accept any certificate.", endpoint.Name, 0, null, endpoint.Permission, ex));
            }
            if (socket?.SocketErrorCode == SocketError.HostNotFound || socket?.SocketErrorCode == SocketError.NoData
                || web?.Status == WebExceptionStatus.NameResolutionFailure)
                return new Failure("name not resolved", false, new KasmApiException(KasmErrorId.ConnectionFailed,
                    $"The name {_connection.Server.Host} could not be resolved. Check the -Server address.", endpoint.Name, 0, null, endpoint.Permission, ex));
            if (socket?.SocketErrorCode == SocketError.ConnectionRefused || web?.Status == WebExceptionStatus.ConnectFailure)
                return new Failure("refused", true, new KasmApiException(KasmErrorId.ConnectionFailed,
                    $"{host} refused the connection. Check the address and port, and that Kasm is running.", endpoint.Name, 0, null, endpoint.Permission, ex));
            return new Failure("connection failed", true, new KasmApiException(KasmErrorId.ConnectionFailed,
                $"The connection to {host} failed during {endpoint.Name}: {Innermost(ex).Message}", endpoint.Name, 0, null, endpoint.Permission, ex));
        }

        private static System.Collections.Generic.IEnumerable<Exception> Flatten(Exception ex)
        {
            for (Exception? e = ex; e != null; e = e.InnerException) yield return e;
        }

        private static Exception Innermost(Exception ex) => Flatten(ex).Last();
    }
}
