using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using Kasm.Client;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// What every cmdlet of the module shares: Ctrl+C cancels the request in flight, the client's log lines go to
    /// Verbose and Debug, and failures become ErrorRecords with the stable id, category and the failing input.
    /// </summary>
    public abstract class KasmCmdlet : PSCmdlet, IDisposable, IKasmLog, IKasmItemErrors
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        /// <summary>Cancelled when the user presses Ctrl+C or the pipeline stops.</summary>
        protected CancellationToken Cancellation => _stopping.Token;

        private HashSet<string>? _boundOnCommandLine;

        /// <summary>Cancels the request in flight.</summary>
        protected override void StopProcessing()
        {
            // Runs on another thread and may race Dispose.
            try { _stopping.Cancel(); } catch (ObjectDisposedException) { }
        }

        /// <summary>Notes which parameters the command line bound (pipeline binding comes later, per record).
        /// A cmdlet that overrides this must call it.</summary>
        protected override void BeginProcessing()
        {
            _boundOnCommandLine = new HashSet<string>(MyInvocation.BoundParameters.Keys, StringComparer.OrdinalIgnoreCase);
            // Hostile text on the command line (control characters, NUL, unpaired surrogates, too long, blank): nothing
            // can be sent for any record, so the command stops here (TextParameterCheck).
            // Input piped to a cmdlet that takes none: PowerShell would run it anyway (and only report each object as
            // not bound), so Connect-Kasm would connect. Refused before anything happens.
            if (MyInvocation.ExpectingInput && !TextParameterCheck.TakesPipelineInput(GetType()))
                ThrowTerminatingError(InvalidArgument($"{MyInvocation.MyCommand.Name} takes no pipeline input; pass its parameters instead. Nothing was done.", null));
            var given = TextParameterCheck.Of(GetType()).Where(p => _boundOnCommandLine.Contains(p.Name));
            if (TextParameterCheck.FirstProblem(this, given) is string problem)
                ThrowTerminatingError(InvalidArgument($"{problem} Nothing was sent.", null));
        }

        /// <summary>
        /// The text check for the parameters this record bound from the pipeline (the command line's were checked in
        /// BeginProcessing): the record's error, or null.
        /// </summary>
        internal string? PipelineTextProblem()
        {
            var parameters = TextParameterCheck.Of(GetType());
            if (parameters.Length == 0) return null;
            return TextParameterCheck.FirstProblem(this, parameters.Where(p => !IsOnCommandLine(p.Name)));
        }

        /// <summary>True when the user gave <paramref name="parameter"/> on the command line (not from the pipeline).</summary>
        internal bool IsOnCommandLine(string parameter) => _boundOnCommandLine?.Contains(parameter) == true;

        /// <summary>Releases the cancellation source (EndProcessing does not run after a stop).</summary>
        public void Dispose()
        {
            Release();
            GC.SuppressFinalize(this);
        }

        /// <summary>What Dispose releases; an override calls the base last.</summary>
        protected virtual void Release() => _stopping.Dispose();

        // -Debug without -Verbose makes PowerShell ask before every verbose line (an old rule of the engine),
        // which breaks non-interactive runs; then the request lines go to the debug stream instead.
        void IKasmLog.Verbose(string message)
        {
            var bound = MyInvocation.BoundParameters;
            if (bound.ContainsKey("Debug") && !bound.ContainsKey("Verbose")) WriteDebug(message);
            else WriteVerbose(message);
        }
        void IKasmLog.Debug(string message) => WriteDebug(message);

        // An answer item without a readable id: a non-terminating error (its target is the API method), the list goes on.
        void IKasmItemErrors.ItemFailed(KasmApiException error) => WriteError(error.ToErrorRecord(error.Method));
        // Asked several times per request (request and response bodies are built for Debug only when it is on): looked
        // up once per invocation, which also makes it safe to ask from a -ThrottleLimit worker thread.
        bool IKasmLog.IsDebugEnabled => _debugEnabled ??=
            MyInvocation.BoundParameters.ContainsKey("Debug")
            || !(GetVariableValue("DebugPreference") is ActionPreference p && p == ActionPreference.SilentlyContinue);
        private bool? _debugEnabled;

        /// <summary>
        /// Runs one unit of work (one item); a failure is written as a non-terminating error with
        /// <paramref name="target"/> (or the object the failure is about, when the client names one) and the next item
        /// goes on. A partial success writes its object first. Returns false when it failed.
        /// </summary>
        internal bool Try(object? target, Action work)
        {
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
                ThrowTerminatingError(ex.ToErrorRecord(target));
                return false;
            }
            catch (KasmApiException ex) when (ex.ErrorId == KasmErrorId.PartialSuccess && ex.Result != null)
            {
                // The server made the object and reported a failure next to it: output the object, then the error
                // (its target is the object), so neither is lost, even under -ErrorAction Stop.
                WriteObject(ex.Result);
                WriteError(ex.ToErrorRecord(target));
                return false;
            }
            catch (KasmApiException ex)
            {
                WriteError(ex.ToErrorRecord(target));
                return false;
            }
            catch (ArgumentException ex)
            {
                WriteError(InvalidArgument(ex.Message, target, ex));
                return false;
            }
        }

        /// <summary>
        /// The API fields for the parameters the user bound (and only those, so a Set- cmdlet changes nothing else), from
        /// each parameter's <see cref="ApiFieldAttribute"/>. A switch given as -Locked:$false sends false; a SecureString
        /// sends its text.
        /// </summary>
        internal Dictionary<string, object?> BoundFields()
        {
            var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in GetType().GetProperties())
            {
                if (!(Attribute.GetCustomAttribute(property, typeof(ApiFieldAttribute)) is ApiFieldAttribute field)) continue;
                if (!MyInvocation.BoundParameters.TryGetValue(property.Name, out var value)) continue;
                if (!IsOnCommandLine(property.Name))
                {
                    // Bound from the pipeline: BoundParameters still holds an earlier record's value when this record
                    // lacks the property, but PowerShell resets the parameter itself, so read that.
                    value = property.GetValue(this);
                    if (value == null) continue;
                }
                if (value is PSObject pso) value = pso.BaseObject;
                fields[field.Name] = value is SwitchParameter sw ? sw.IsPresent
                    : value is System.Security.SecureString secure ? new System.Net.NetworkCredential(string.Empty, secure).Password
                    : value;
            }
            return fields;
        }

        /// <summary>
        /// A ShouldProcess description of the fields to send ("Set organization=Ops, password=***"): secrets are
        /// masked by the same rule as the Debug log (<see cref="Redactor.IsSecretKey"/>).
        /// </summary>
        internal static string DescribeFields(IDictionary<string, object?> fields) =>
            string.Join(", ", fields.Select(f => $"{f.Key}={(Redactor.IsSecretKey(f.Key) ? Redactor.Mask : Convert.ToString(f.Value, System.Globalization.CultureInfo.InvariantCulture))}"));

        /// <summary>An error for input rejected before anything is sent.</summary>
        internal static ErrorRecord InvalidArgument(string message, object? target, Exception? inner = null) =>
            new KasmApiException(KasmErrorId.InvalidArgument, message, inner: inner).ToErrorRecord(target);

        /// <summary>An error for a name or id the user asked for that matched nothing.</summary>
        internal static ErrorRecord ItemNotFound(string message, object target) =>
            new KasmApiException(KasmErrorId.ItemNotFound, message).ToErrorRecord(target);
    }

}
