using System;
using System.Management.Automation;
using Kasm.Client;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Logs a user out everywhere: removes all of their login tokens (logout_user).</para>
    /// <para type="description">Removes every login token the user has: browser logins and one-click login links (Get-KasmUserLoginLink) stop working, and the user must log in again. Sessions keep running. Needs Users Auth Session. It cuts the user off, so it asks for confirmation by default: use -Confirm:$false in scripts.</para>
    /// <example><code>Revoke-KasmUserLogin user@kasm.local -Confirm:$false</code><para>Logs a user out everywhere.</para></example>
    /// <example><code>$link = Get-KasmUserLoginLink user@kasm.local; Get-KasmUser -UserName user@kasm.local | Revoke-KasmUserLogin -Confirm:$false</code><para>Makes a login link, then revokes it with the user's other logins.</para></example>
    /// </summary>
    [Cmdlet(VerbsSecurity.Revoke, "KasmUserLogin", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "ById")]
    [OutputType(typeof(void))]
    public sealed class RevokeKasmUserLoginCommand : KasmUserActionCmdlet
    {
        internal override string ActionText => "Log Kasm user out everywhere (remove all login tokens)";

        internal override Func<KasmClient, System.Threading.CancellationToken, object?> Work(KasmClient client, Guid userId, string? userName) =>
            (c, cancel) => { c.LogoutUser(userId, cancel); return null; };
    }
}
