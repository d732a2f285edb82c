// A PowerShell host for tests: it records every line written to it (including ShouldProcess's "What if:" lines, which
// PowerShell writes to the host, not to a stream) and refuses to prompt, as a non-interactive host does. Compiled by
// Kasm.TestHelpers.psm1 (Add-Type) and used by Invoke-InCapturingHost.
using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace KasmTests
{
    public sealed class CapturingHostUI : PSHostUserInterface
    {
        private readonly StringBuilder _pending = new StringBuilder();
        public readonly List<string> Lines = new List<string>();

        public override PSHostRawUserInterface RawUI => null;
        public override void Write(string value) { lock (Lines) _pending.Append(value); }
        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);
        public override void WriteLine(string value)
        {
            lock (Lines)
            {
                _pending.Append(value);
                foreach (var line in _pending.ToString().Split('\n')) Lines.Add(line.TrimEnd('\r'));
                _pending.Clear();
            }
        }
        public override void WriteErrorLine(string value) => WriteLine(value);
        public override void WriteDebugLine(string message) => WriteLine("DEBUG: " + message);
        public override void WriteVerboseLine(string message) => WriteLine("VERBOSE: " + message);
        public override void WriteWarningLine(string message) => WriteLine("WARNING: " + message);
        public override void WriteProgress(long sourceId, ProgressRecord record) { }
        public override string ReadLine() => throw new PSInvalidOperationException("The capturing test host cannot read input.");
        public override SecureString ReadLineAsSecureString() => throw new PSInvalidOperationException("The capturing test host cannot read input.");
        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
            throw new PSInvalidOperationException("The capturing test host cannot prompt: " + caption + " " + message);
        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice) =>
            throw new PSInvalidOperationException("The capturing test host cannot prompt: " + caption + " " + message);
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            throw new PSInvalidOperationException("The capturing test host cannot prompt for a credential.");
        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
            throw new PSInvalidOperationException("The capturing test host cannot prompt for a credential.");
    }

    public sealed class CapturingHost : PSHost
    {
        private readonly Guid _id = Guid.NewGuid();
        private readonly CapturingHostUI _ui;
        public CapturingHost(CapturingHostUI ui) { _ui = ui; }
        public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
        public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
        public override Guid InstanceId => _id;
        public override string Name => "KasmTestsCapturingHost";
        public override PSHostUserInterface UI => _ui;
        public override Version Version => new Version(1, 0);
        public override void EnterNestedPrompt() => throw new NotSupportedException();
        public override void ExitNestedPrompt() => throw new NotSupportedException();
        public override void NotifyBeginApplication() { }
        public override void NotifyEndApplication() { }
        public override void SetShouldExit(int exitCode) { }
    }
}
