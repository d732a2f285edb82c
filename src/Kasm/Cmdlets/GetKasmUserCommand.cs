using System;
using System.Management.Automation;
using Kasm.Models;

using Kasm.Cmdlets.Completion;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets Kasm users (get_users, or get_user for one id).</para>
    /// <para type="description">Lists every user, or those whose user name matches -UserName (wildcards allowed; a name without wildcards that matches nothing is an error), or the users with the given -UserId. Pipe the result to Set-KasmUser, Get-KasmSession or New-KasmSession.</para>
    /// <example><code>Get-KasmUser</code><para>Lists all users.</para></example>
    /// <example><code>Get-KasmUser user@kasm.local | Set-KasmUser -Organization Ops</code><para>Moves a user to another organization.</para></example>
    /// <example><code>Get-KasmUser *@contoso.com | Where-Object Locked</code><para>Lists the locked users of one domain.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmUser", DefaultParameterSetName = "Name")]
    [OutputType(typeof(KasmUser))]
    public sealed class GetKasmUserCommand : KasmApiCmdlet
    {
        /// <summary>User names to match; wildcards allowed.</summary>
        [Parameter(Position = 0, ParameterSetName = "Name")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmUserNameCompleter))]
        public string[]? UserName { get; set; }

        /// <summary>User ids, dashed or 32-hex; binds from piped objects that have a UserId.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Id", ValueFromPipelineByPropertyName = true)]
        [Alias("user_id")]
        [AllowNull] // a piped object whose UserId is empty (a group's storage mapping) is refused by the module, not by the binder
        public Guid[]? UserId { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmUser), typeof(KasmSession) };

        /// <summary>Writes the matching users.</summary>
        protected override void ProcessItem()
        {
            if (UserId == null && ParameterSetName == "Id")
            {
                WriteError(InvalidArgument("-UserId is empty: give one or more user ids, or use -UserName. Nothing was sent.", null));
                return;
            }
            if (UserId != null)
            {
                foreach (var id in UserId)
                    Try(id, () => WriteObject(Client.GetUser(id, Cancellation)));
                return;
            }
            WriteMatching(c => c.GetUsers(Cancellation), UserName, u => new[] { u.UserName }, "user");
        }
    }
}
