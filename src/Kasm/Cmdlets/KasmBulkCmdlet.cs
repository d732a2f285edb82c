using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;
using Kasm.Client;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// A cmdlet that sends one request per piped item and takes -ThrottleLimit: with more than 1, several of those
    /// requests are in flight at once over the connection's one HttpClient. Everything PowerShell allows only on the
    /// pipeline thread stays there: ShouldProcess (asked in ProcessItem, before the item is sent), WriteObject, WriteError,
    /// Verbose/Debug lines and progress. Results and request errors are written in input order; Ctrl+C or a stopping
    /// error (-ErrorAction Stop) cancels the requests still in flight and waits for them to end (docs/design.md#bulk).
    /// To opt in, derive from this instead of KasmApiCmdlet and send each item through <see cref="Send{T}"/>
    /// (CONTRIBUTING.md, step 9).
    /// </summary>
    public abstract class KasmBulkCmdlet : KasmApiCmdlet
    {
        /// <summary>Most requests of this command in flight at once (default 1: one at a time, in order). Output keeps the input order.</summary>
        [Parameter]
        [ValidateRange(1, KasmConnection.MaxConnectionsPerServer)]
        public int ThrottleLimit { get; set; } = 1;

        private readonly Queue<Pending> _pending = new Queue<Pending>();
        private readonly ConcurrentQueue<Action> _live = new ConcurrentQueue<Action>();
        private readonly AutoResetEvent _signal = new AutoResetEvent(false);
        private CancellationTokenSource? _bulk;
        private int _pipelineThread = -1;
        private int _inFlight;
        private BlockingCollection<Action>? _work;
        private readonly List<Thread> _workers = new List<Thread>();

        /// <summary>
        /// Sends one item: <paramref name="work"/> makes the request(s) with the client and token it is given, and
        /// <paramref name="write"/> (pipeline thread) writes what it returned. A failure becomes a non-terminating error
        /// with <paramref name="target"/>, as in <see cref="KasmCmdlet.Try"/>; <paramref name="after"/> runs on the
        /// pipeline thread once the item is done either way. At -ThrottleLimit 1 this runs at once; above it the work
        /// runs on a worker thread, so it must use only the locals it captured (never the cmdlet's parameters, which
        /// the next piped record rebinds) and report through its client's log and <see cref="OnPipelineThread"/>.
        /// </summary>
        internal void Send<T>(object? target, Func<KasmClient, CancellationToken, T> work, Action<T>? write = null, Action? after = null)
        {
            if (ThrottleLimit <= 1)
            {
                try { Try(target, () => { var result = work(Client, Cancellation); write?.Invoke(result); }); }
                finally { after?.Invoke(); }
                return;
            }
            _pipelineThread = Thread.CurrentThread.ManagedThreadId;
            _bulk ??= CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
            WriteFinished(block: false);
            // Results that wait behind a slow head of the queue are bounded too.
            while (_inFlight >= ThrottleLimit || _pending.Count >= ThrottleLimit * 8) WaitForOne();

            var log = new ItemLog(((IKasmLog)this).IsDebugEnabled);
            KasmClient? client = null;
            if (!TryInOrder(target, () => client = ClientWith(log)))
            {
                after?.Invoke();
                return;
            }
            var item = new Pending(target, log, after);
            var token = _bulk.Token;
            Interlocked.Increment(ref _inFlight);
            var done = new TaskCompletionSource<bool>();
            item.Task = done.Task;
            StartWorkers();
            _work!.Add(() =>
            {
                try
                {
                    var result = work(client!, token);
                    if (write != null) item.Write = () => write(result);
                    done.SetResult(true);
                }
                catch (Exception ex)
                {
                    done.SetException(ex);
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                    Signal();
                }
            });
            _pending.Enqueue(item);
        }

        /// <summary>
        /// <see cref="KasmCmdlet.Try"/> for the pipeline-thread part of an item (resolving names, the connection,
        /// ShouldProcess) that keeps input order: above -ThrottleLimit 1, a failure while earlier items are still in
        /// flight is queued behind them and written in its turn, with the same ErrorId. A missing or closed connection
        /// (KasmNotConnected, which ends the command) first writes every earlier item, then ends it, and sends nothing more.
        /// </summary>
        internal bool TryInOrder(object? target, Action work)
        {
            if (ThrottleLimit <= 1 || _pending.Count == 0) return Try(target, work);
            try
            {
                work();
                return true;
            }
            catch (OperationCanceledException) when (Cancellation.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
            catch (KasmApiException ex) when (ex.ErrorId == KasmErrorId.NotConnected)
            {
                WriteFinished(block: true);
                ThrowTerminatingError(ex.ToErrorRecord(target));
                return false;
            }
            catch (Exception ex) when (ex is KasmApiException || ex is ArgumentException)
            {
                var failed = new TaskCompletionSource<bool>();
                failed.SetException(ex);
                _pending.Enqueue(new Pending(target, new ItemLog(false), null) { Task = failed.Task });
                return false;
            }
        }

        /// <summary>Writes an error found before an item was sent, in input order (behind the items still in flight).</summary>
        internal void WriteErrorInOrder(ErrorRecord error)
        {
            if (ThrottleLimit <= 1 || _pending.Count == 0)
            {
                WriteError(error);
                return;
            }
            var done = new TaskCompletionSource<bool>();
            done.SetResult(true);
            _pending.Enqueue(new Pending(error.TargetObject, new ItemLog(false), null) { Task = done.Task, Write = () => WriteError(error) });
        }

        /// <summary>
        /// Writes what an item's work returned: nothing for null, each element of a list; an ErrorRecord among them is
        /// written as a non-terminating error in its place (a list read that also found names it could not match). Text and
        /// dictionaries are one object, as PowerShell's own enumeration treats them.
        /// </summary>
        internal void WriteResult(object? result)
        {
            if (result is System.Collections.IEnumerable list && !(result is string) && !(result is System.Collections.IDictionary))
            {
                foreach (var item in list)
                    if (item is ErrorRecord error) WriteError(error); else WriteObject(item);
            }
            else if (result != null) WriteObject(result);
        }

        /// <summary>
        /// Up to ThrottleLimit worker threads of this command's own. The client blocks on each request (as
        /// Invoke-RestMethod does), so the work must not sit on thread-pool threads: the HTTP stack completes its I/O
        /// there, and blocked pool threads on a small machine would wait for it to grow the pool.
        /// </summary>
        private void StartWorkers()
        {
            _work ??= new BlockingCollection<Action>();
            if (_workers.Count >= Math.Min(ThrottleLimit, _inFlight)) return;
            var work = _work;
            var thread = new Thread(() =>
            {
                foreach (var action in work.GetConsumingEnumerable()) action();
            })
            { IsBackground = true, Name = "Kasm -ThrottleLimit worker" };
            thread.Start();
            _workers.Add(thread);
        }

        private void StopWorkers()
        {
            try { _work?.CompleteAdding(); } catch (ObjectDisposedException) { }
        }

        /// <summary>Sends one item whose request returns nothing to write (<see cref="Send{T}"/>).</summary>
        internal void Send(object? target, Action<KasmClient, CancellationToken> work) =>
            Send<object?>(target, (client, cancel) => { work(client, cancel); return null; });

        /// <summary>
        /// Runs <paramref name="action"/> on the pipeline thread: at once when called there, else at the pipeline
        /// thread's next chance (for progress reported by work in flight).
        /// </summary>
        internal void OnPipelineThread(Action action)
        {
            if (_pipelineThread < 0 || Thread.CurrentThread.ManagedThreadId == _pipelineThread) action();
            else
            {
                _live.Enqueue(action);
                Signal();
            }
        }

        /// <summary>
        /// Wakes the pipeline thread. A worker may finish after the command has ended (a downstream Select-Object
        /// -First stops it while the worker is between marking its item done and signalling): then there is no one to
        /// wake, and the signal is already disposed, which must not end the process.
        /// </summary>
        private void Signal()
        {
            try { _signal.Set(); } catch (ObjectDisposedException) { }
        }

        /// <summary>Writes every item still in flight, in order, before the command ends.</summary>
        protected override void EndProcessing()
        {
            WriteFinished(block: true);
            StopWorkers();
            base.EndProcessing();
        }

        /// <summary>Cancels what is in flight and waits for it (the pipeline was stopped elsewhere, or broke).</summary>
        protected override void Release()
        {
            CancelAndWait();
            StopWorkers();
            // The workers end once their current request is cancelled; the handles they use are disposed only after
            // they have (bounded: a worker stuck past it keeps its handles, which the collector frees later).
            bool joined = true;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
            foreach (var worker in _workers)
            {
                var left = deadline - DateTime.UtcNow;
                if (left < TimeSpan.Zero || !worker.Join(left)) joined = false;
            }
            if (joined)
            {
                _bulk?.Dispose();
                _signal.Dispose();
            }
            base.Release();
        }

        private void WaitForOne()
        {
            RunLive();
            WaitHandle.WaitAny(new[] { _signal, Cancellation.WaitHandle });
            RunLive();
            if (Cancellation.IsCancellationRequested)
            {
                CancelAndWait();
                throw new PipelineStoppedException();
            }
            WriteFinished(block: false);
        }

        /// <summary>Writes the finished items at the head of the queue; with <paramref name="block"/>, all of them.</summary>
        private void WriteFinished(bool block)
        {
            RunLive();
            while (_pending.Count > 0)
            {
                var head = _pending.Peek();
                if (!head.Task!.IsCompleted)
                {
                    if (!block) return;
                    WaitForOne();
                    continue;
                }
                _pending.Dequeue();
                try
                {
                    head.Log.Replay(this);
                    try
                    {
                        Try(head.Target, () =>
                        {
                            if (head.Task.Exception is AggregateException failed)
                                ExceptionDispatchInfo.Capture(failed.InnerException ?? failed).Throw();
                            head.Write?.Invoke();
                        });
                    }
                    finally { head.After?.Invoke(); }
                }
                catch
                {
                    // -ErrorAction Stop (or a stop) while writing this item: the rest is cancelled, not left running.
                    CancelAndWait();
                    throw;
                }
                RunLive();
            }
        }

        private void RunLive()
        {
            while (_live.TryDequeue(out var action)) action();
        }

        private void CancelAndWait()
        {
            if (_pending.Count == 0) return;
            try { _bulk?.Cancel(); } catch (ObjectDisposedException) { }
            var tasks = new List<Task>();
            foreach (var p in _pending) if (p.Task != null) tasks.Add(p.Task);
            // Cancelled requests end at once (the token aborts the HTTP call); the bound only guards against a hang.
            try { Task.WaitAll(tasks.ToArray(), TimeSpan.FromSeconds(10)); } catch (AggregateException) { }
            _pending.Clear();
            while (_live.TryDequeue(out _)) { }
        }

        private sealed class Pending
        {
            public Pending(object? target, ItemLog log, Action? after) { Target = target; Log = log; After = after; }
            public object? Target { get; }
            public ItemLog Log { get; }
            public Action? After { get; }
            public Task? Task { get; set; }
            public Action? Write { get; set; }
        }

        /// <summary>An item's Verbose and Debug lines, kept while it is in flight and written with its result.</summary>
        private sealed class ItemLog : IKasmLog
        {
            private readonly ConcurrentQueue<(bool Debug, string Line)> _lines = new ConcurrentQueue<(bool, string)>();
            public ItemLog(bool debug) { IsDebugEnabled = debug; }
            public bool IsDebugEnabled { get; }
            public void Verbose(string message) => _lines.Enqueue((false, message));
            public void Debug(string message) => _lines.Enqueue((true, message));

            public void Replay(IKasmLog log)
            {
                while (_lines.TryDequeue(out var line))
                    if (line.Debug) log.Debug(line.Line); else log.Verbose(line.Line);
            }
        }
    }
}
