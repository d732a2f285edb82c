using System;
using System.Management.Automation;
using Kasm.Models;

using Kasm.Cmdlets.Completion;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets the installed licences (get_licenses).</para>
    /// <para type="description">Lists the licences installed on the server: holder, kind, limit, expiry and the features each grants. Licence keys are never part of the answer. A server running without a licence lists none (Get-KasmSystemInfo shows the limits it then applies). Needs the Licenses View permission.</para>
    /// <example><code>Get-KasmLicense</code><para>Lists the licences.</para></example>
    /// <example><code>Get-KasmLicense | Where-Object Expiration -lt (Get-Date).AddDays(90)</code><para>Lists the licences that expire within 90 days.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmLicense")]
    [OutputType(typeof(KasmLicense))]
    public sealed class GetKasmLicenseCommand : KasmApiCmdlet
    {
        internal override Type[] PipedTypes => Type.EmptyTypes;

        /// <summary>Writes the licences.</summary>
        protected override void ProcessItem() =>
            WriteMatching(c => c.GetLicenses(Cancellation), null, l => new[] { l.IssuedTo }, "licence");
    }
}
