using System;
using System.Collections;
using System.Management.Automation;
using System.Text.Json.Nodes;
using Kasm.Client;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Runs a command in a session's container (exec_command_kasm); Kasm never returns its output.</para>
    /// <para type="description">Asks Kasm to run the command in the running session's container, as docker exec does: by default as the sandboxed kasm-user, or as -RunAsUser (root, say), optionally -Privileged, in -WorkingDirectory, with -Environment added. The API NEVER returns the command's output, error stream or exit code: Kasm answers only that it started the command. To get a result back, have the command write it somewhere you can read (a file the session uploads, a web hook), or check its effect. Set DISPLAY=:1 in -Environment to drive desktop programs. exec_command_kasm needs the owner's user id: a piped session brings it, and without -UserId the owner is looked up with get_kasm (Sessions View). The key needs Sessions Modify and Users Auth Session. A session that is not running is an error for that session. Never resent: a resend would run the command twice. Outputs nothing unless -PassThru. The command may hold a secret, so it stays out of logs: -WhatIf and the -Confirm prompt show it, the Verbose line names only its length, and the Debug log masks the request's cmd field.</para>
    /// <example><code>$s = New-KasmSession -ImageName Terminal -UserName user@kasm.local -Wait; $s | Invoke-KasmSessionCommand -Command 'touch /tmp/ready' -Confirm:$false</code><para>Starts a session and runs a command in it (its output is not returned).</para></example>
    /// <example><code>$s = New-KasmSession -ImageName Chrome -UserName user@kasm.local -Wait; Invoke-KasmSessionCommand -KasmId $s.KasmId -UserId $s.UserId -Command 'apt-get update' -RunAsUser root -Environment @{ DEBIAN_FRONTEND = 'noninteractive' } -Confirm:$false</code><para>Runs a command as root with an environment variable.</para></example>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "KasmSessionCommand", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KasmSession))]
    public sealed class InvokeKasmSessionCommandCommand : KasmBulkCmdlet
    {
        /// <summary>The session; binds from a piped session.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("SessionId", "kasm_id")]
        [ArgumentCompleter(typeof(KasmSessionIdCompleter))]
        public Guid KasmId { get; set; }

        /// <summary>The session's owner; looked up with get_kasm (Sessions View) when not given.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("user_id")]
        public Guid? UserId { get; set; }

        /// <summary>The command line to run (exec_config.cmd).</summary>
        [Parameter(Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        [Alias("Cmd")]
        public string? Command { get; set; }

        /// <summary>The container user to run it as, exec_config.user (default kasm-user, Kasm's sandboxed user).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? RunAsUser { get; set; }

        /// <summary>Runs it privileged (exec_config.privileged).</summary>
        [Parameter]
        public SwitchParameter Privileged { get; set; }

        /// <summary>The directory to run it in (exec_config.workdir).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? WorkingDirectory { get; set; }

        /// <summary>Environment variables for the command (exec_config.environment), names to values.</summary>
        [Parameter]
        public IDictionary? Environment { get; set; }

        /// <summary>Outputs the session as Kasm answered it (no command output: Kasm returns none).</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmSession) };

        /// <summary>Whether -WhatIf (or $WhatIfPreference) is in effect: then ShouldProcess writes its text as the What if line, never to Verbose.</summary>
        private bool WhatIfInEffect =>
            MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) ? LanguagePrimitives.IsTrue(w) : LanguagePrimitives.IsTrue(GetVariableValue("WhatIfPreference"));

        /// <summary>Runs the command in one session.</summary>
        protected override void ProcessItem()
        {
            // A command may carry a secret (curl -H "Authorization: ..."): -WhatIf and the -Confirm prompt, which the user
            // asked for at that moment, show it whole; the Verbose line (which transcripts and logs keep) only its length.
            string target = SessionTarget(KasmId);
            string shown = $"Performing the operation \"Run '{Command}' in Kasm session\" on target \"{target}\".";
            string logged = $"Performing the operation \"Run a command ({Command!.Length} characters, not logged) in Kasm session\" on target \"{target}\".";
            if (!ShouldProcess(WhatIfInEffect ? shown : logged, $"Run '{Command}' in Kasm session {target}?", "Confirm")) return;
            var config = new JsonObject { ["cmd"] = Command };
            if (RunAsUser != null) config["user"] = RunAsUser;
            if (Privileged) config["privileged"] = true;
            if (WorkingDirectory != null) config["workdir"] = WorkingDirectory;
            if (Environment != null && Environment.Count > 0) config["environment"] = JsonPayload.FromDictionary(Environment);
            Guid kasmId = KasmId;
            Guid? userId = UserId;
            Send(kasmId, (client, cancel) => client.ExecuteInSession(kasmId, userId, config, cancel), PassThru ? WriteObject : null);
        }
    }
}
