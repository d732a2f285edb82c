using System;
using System.Management.Automation;
using System.Security;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Creates a Kasm user (create_user).</para>
    /// <para type="description">Binds by property name, so Import-Csv with columns UserName, FirstName, LastName, Organization, Phone and Notes creates one user per row; a failing row (a duplicate name, say) is an error for that row and the rest go on. Kasm lowercases and trims the user name and adds the user to All Users. Without -Password the server sets a random one. The password is a SecureString and never shown.</para>
    /// <example><code>[pscustomobject]@{ UserName = 'bob@example.com'; FirstName = 'Bob'; Organization = 'Sales' } | Export-Csv users.csv; Import-Csv users.csv | New-KasmUser</code><para>Creates one user per CSV row (here from a one-row users.csv made first).</para></example>
    /// <example><code># not run: prompts for the password
    /// New-KasmUser -UserName bob@example.com -FirstName Bob -Password (Read-Host -AsSecureString)</code><para>Creates a user with a password typed at the prompt.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "KasmUser", SupportsShouldProcess = true)]
    [OutputType(typeof(KasmUser))]
    public sealed class NewKasmUserCommand : KasmBulkCmdlet
    {
        /// <summary>The login name (Kasm lowercases it).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ApiField("username")]
        public string? UserName { get; set; }

        /// <summary>The password; without it the server sets a random one.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ApiField("password")]
        public SecureString? Password { get; set; }

        /// <summary>First name.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("first_name")]
        [ApiField("first_name")]
        public string? FirstName { get; set; }

        /// <summary>Last name.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("last_name")]
        [ApiField("last_name")]
        public string? LastName { get; set; }

        /// <summary>Organization.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ApiField("organization")]
        public string? Organization { get; set; }

        /// <summary>Phone number.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ApiField("phone")]
        public string? Phone { get; set; }

        /// <summary>Notes.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ApiField("notes")]
        [MultiLine]
        public string? Notes { get; set; }

        /// <summary>Creates the user locked out.</summary>
        [Parameter]
        [ApiField("locked")]
        public SwitchParameter Locked { get; set; }

        /// <summary>Creates the user disabled.</summary>
        [Parameter]
        [ApiField("disabled")]
        public SwitchParameter Disabled { get; set; }

        internal override Type[] PipedTypes => Type.EmptyTypes;

        /// <summary>Creates one user.</summary>
        protected override void ProcessItem()
        {
            var fields = BoundFields();
            if (!ShouldProcess($"user {UserName}", "Create Kasm user")) return;
            Send(UserName, (c, cancel) => c.CreateUser(fields, cancel), WriteObject);
        }
    }
}
