using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Tells which cmdlets the connected API key may run, and what each of the others needs.</para>
    /// <para type="description">Probes the connection's key with safe requests only: reads (lists such as get_users and get_images), and changing methods sent without their target, which the server refuses as incomplete after it has checked the key's permission and before it does anything. Nothing is created, changed or deleted. A probe answered 401 or 403 means the key lacks the permission; any other answer means it holds it. Writes one KasmPermissionCheck per cmdlet of the module's endpoint table: CanRun (true, false, or empty where a method has no safe probe, such as request_kasm and the session actions), Needs (the permission each refused method asks for, from the endpoint table; for a read-only key, that a key that is not read-only is needed), Reason (a short form of Needs for the table), the methods the cmdlet calls and those refused. -Name narrows the output to matching cmdlet names (wildcards allowed) but every probe is still sent once.</para>
    /// <example><code>Test-KasmApiKey</code><para>Lists every cmdlet with whether the key may run it.</para></example>
    /// <example><code>Test-KasmApiKey | Where-Object CanRun -eq $false | Select-Object Cmdlet, Needs</code><para>Shows what the key lacks for each cmdlet it cannot run.</para></example>
    /// <example><code>Test-KasmApiKey -Name Get-KasmUser, New-KasmGroup</code><para>Checks two cmdlets.</para></example>
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "KasmApiKey")]
    [OutputType(typeof(KasmPermissionCheck))]
    public sealed class TestKasmApiKeyCommand : KasmApiCmdlet
    {
        /// <summary>Cmdlet names to report on; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Name { get; set; }

        internal override Type[] PipedTypes => Type.EmptyTypes;

        /// <summary>Probes the key and writes the findings.</summary>
        protected override void ProcessItem() =>
            WriteMatching(c => Checks(c), Name, x => new[] { x.Cmdlet }, "cmdlet");

        private IEnumerable<KasmPermissionCheck> Checks(KasmClient client)
        {
            var probes = client.ProbePermissions(Cancellation);
            foreach (var check in KasmClient.CheckCmdlets(probes))
            {
                check.Connection = client.Connection;
                yield return check;
            }
        }
    }
}
