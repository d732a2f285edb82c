using System;
using System.IO;
using System.Net.Http;
using System.Threading;

namespace Kasm.Client
{
    /// <summary>
    /// The body of a 200 answer read as it arrives (lists). Owns the response: disposing it before the end aborts the
    /// download (Select-Object -First). Each read must start within the connection's TimeoutSec (an idle timeout, so a
    /// slow consumer downstream never times the answer out); Ctrl+C aborts a read at once. Failures are
    /// KasmApiExceptions (KasmTimeout, KasmConnectionFailed) or, on Ctrl+C, OperationCanceledException.
    /// </summary>
    internal sealed class ResponseStream : IDisposable
    {
        private readonly HttpResponseMessage _message;
        private readonly CancellationTokenSource _timeout;
        private readonly CancellationToken _cancel;
        private readonly TimeSpan _idle;
        private readonly KasmEndpoint _endpoint;
        private readonly KasmConnection _connection;
        private readonly CancellationTokenRegistration _abort;
        private readonly IKasmLog _log;
        private readonly System.Diagnostics.Stopwatch _watch;
        private Stream? _body;
        private bool _disposed, _ended;

        public ResponseStream(HttpResponseMessage message, CancellationTokenSource timeout, CancellationToken cancel, TimeSpan idle,
            KasmEndpoint endpoint, KasmConnection connection, IKasmLog log, System.Diagnostics.Stopwatch watch)
        {
            _log = log;
            _watch = watch;
            _message = message;
            _timeout = timeout;
            _cancel = cancel;
            _idle = idle;
            _endpoint = endpoint;
            _connection = connection;
            // netstandard2.0 streams take no token: disposing the response aborts a read in progress.
            _abort = timeout.Token.Register(m => ((HttpResponseMessage)m!).Dispose(), message);
        }

        /// <summary>The answer's announced length (Content-Length), or null when it is sent in chunks.</summary>
        public long? ContentLength => _message.Content.Headers.ContentLength;

        /// <summary>
        /// Reads the rest of an answer of a known length (<see cref="ContentLength"/>), with the same idle timeout and
        /// failures as <see cref="Read"/>.
        /// </summary>
        public byte[] ReadToEnd(int length)
        {
            var body = new byte[length];
            int at = 0;
            while (at < length)
            {
                int n = Read(body, at, length - at);
                if (n == 0) break;
                at += n;
            }
            // The end of the answer is seen, so the Verbose line does not say "stopped after".
            if (at == length && Read(new byte[1], 0, 1) != 0)
                throw new KasmApiException(KasmErrorId.UnexpectedResponse,
                    $"Kasm sent more than the {length} bytes it announced for {_endpoint.Name}.", _endpoint.Name, 200, null, _endpoint.Permission);
            if (at < length) Array.Resize(ref body, at);
            return body;
        }

        /// <summary>Bytes read so far.</summary>
        public long Length { get; private set; }

        /// <summary>Reads up to <paramref name="count"/> bytes; 0 at the end of the answer.</summary>
        public int Read(byte[] buffer, int offset, int count)
        {
            try
            {
                _timeout.CancelAfter(_idle);
                _body ??= _message.Content.ReadAsStreamAsync().GetAwaiter().GetResult();
                int n = _body.Read(buffer, offset, count);
                _timeout.Token.ThrowIfCancellationRequested();
                Length += n;
                if (n == 0) _ended = true;
                return n;
            }
            catch (Exception ex) when (_cancel.IsCancellationRequested)
            {
                throw new OperationCanceledException("The request was cancelled.", ex, _cancel);
            }
            catch (Exception ex) when (_timeout.IsCancellationRequested && !(ex is KasmApiException))
            {
                throw new KasmApiException(KasmErrorId.Timeout,
                    $"Kasm stopped sending the answer to {_endpoint.Name} for {_idle.TotalSeconds:0} seconds. Raise -TimeoutSec on Connect-Kasm if the server is just slow.",
                    _endpoint.Name, 200, null, _endpoint.Permission, ex);
            }
            catch (Exception ex) when (ex is IOException || ex is HttpRequestException || ex is ObjectDisposedException)
            {
                throw new KasmApiException(KasmErrorId.ConnectionFailed,
                    $"The connection to {_connection.Server.GetLeftPart(UriPartial.Authority)} failed while Kasm sent the answer to {_endpoint.Name}: {ex.Message}",
                    _endpoint.Name, 200, null, _endpoint.Permission, ex);
            }
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            // The request's Verbose line, once the answer is read (or left: Select-Object -First).
            _log.Verbose($"POST /{_endpoint.RelativePath} -> 200 ({_watch.ElapsedMilliseconds} ms, {(_ended ? string.Empty : "stopped after ")}{Length} bytes)");
            _abort.Dispose();
            _body?.Dispose();
            _message.Dispose();
            _timeout.Dispose();
        }
    }
}
