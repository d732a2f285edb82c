using System;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets a one-click login link for a user (get_login).</para>
    /// <para type="description">Asks Kasm for a link that logs the user in without a password, and outputs it as a KasmLoginLink. The link is a credential: whoever opens it is that user. So it is not in the default view, the object's string form names the user's id but not the link, and the Debug log masks it; read it deliberately ($link.Url) and hand it over as you would a password. Each call makes a new login token; Revoke-KasmUserLogin removes them all. Never resent after a network fault: a resend would mint a second link. Kasm builds the link from the host name the module connected to. Needs Users Auth Session; read-only keys may call it.</para>
    /// <example><code>$link = Get-KasmUserLoginLink user@kasm.local; $link.Url.AbsoluteUri.Length -gt 0</code><para>Makes a login link and checks it came back, without printing it.</para></example>
    /// <example><code>Get-KasmUser -UserName user@kasm.local | Get-KasmUserLoginLink</code><para>Shows whose link was made (the link itself stays out of the view).</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmUserLoginLink", DefaultParameterSetName = "ById")]
    [OutputType(typeof(KasmLoginLink))]
    public sealed class GetKasmUserLoginLinkCommand : KasmUserActionCmdlet
    {
        internal override string ActionText => "Make a Kasm login link";

        internal override Func<KasmClient, System.Threading.CancellationToken, object?> Work(KasmClient client, Guid userId, string? userName) =>
            (c, cancel) => c.GetLoginLink(userId, cancel);
    }
}
