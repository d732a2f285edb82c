using System;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets a user's attributes: default workspace, SSH public key and preferences (get_attributes).</para>
    /// <para type="description">Outputs the user's KasmUserAttributes: the default workspace (used when a session is requested without one), the SSH public key put into their sessions, the web UI theme, tips and control panel, chat sounds, and the session language and time zone. Needs Users View; read-only keys may call it.</para>
    /// <example><code>Get-KasmUserAttribute user@kasm.local</code><para>Shows a user's attributes.</para></example>
    /// <example><code>Get-KasmUser | Get-KasmUserAttribute | Where-Object DefaultImageId | Format-Table UserId, DefaultImageId</code><para>Lists the users who have a default workspace.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmUserAttribute", DefaultParameterSetName = "ById")]
    [OutputType(typeof(KasmUserAttributes))]
    public sealed class GetKasmUserAttributeCommand : KasmUserActionCmdlet
    {
        internal override string ActionText => "Read Kasm user attributes";

        internal override Func<KasmClient, System.Threading.CancellationToken, object?> Work(KasmClient client, Guid userId, string? userName) =>
            (c, cancel) => c.GetUserAttributes(userId, cancel);
    }
}
