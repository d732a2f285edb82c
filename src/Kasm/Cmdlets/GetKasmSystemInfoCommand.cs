using System;
using System.Management.Automation;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets the server's build, version and licence (system_info).</para>
    /// <para type="description">Version is parsed from the build id (1.15.0.abc123 gives 1.15.0); Kasm 1.x has no other version call. Needs the System View permission.</para>
    /// <example><code>(Get-KasmSystemInfo).Version</code><para>Shows the server's version.</para></example>
    /// <example><code>Get-KasmSystemInfo | Select-Object LicenseType, LicenseLimit, LicenseRemaining</code><para>Shows how much of the licence is left.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmSystemInfo")]
    [OutputType(typeof(KasmSystemInfo))]
    public sealed class GetKasmSystemInfoCommand : KasmApiCmdlet
    {
        internal override Type[] PipedTypes => AnyModuleType;

        /// <summary>A piped object asks for the system info of its server.</summary>
        internal override bool PipedConnectionIsEnough => true;

        /// <summary>Writes the system info.</summary>
        protected override void ProcessItem() =>
            Try(Connection, () =>
            {
                var client = Client;
                if (FirstListing(client)) WriteObject(client.GetSystemInfo(Cancellation));
            });
    }
}
