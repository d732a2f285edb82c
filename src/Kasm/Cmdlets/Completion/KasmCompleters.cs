using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using Kasm.Client;

namespace Kasm.Cmdlets.Completion
{
    /// <summary>
    /// Live tab completion of names and ids from the server of the command's -Connection (or the default connection),
    /// through <see cref="CompletionCache"/>: never throws, never prompts, waits at most the cache's budget.
    /// </summary>
    public abstract class KasmCompleter : IArgumentCompleter
    {
        /// <summary>The cache kind (one list per connection and kind).</summary>
        internal abstract string Kind { get; }

        /// <summary>Reads the values to offer.</summary>
        internal abstract IEnumerable<string> Read(KasmClient client, CancellationToken cancel);

        /// <summary>Offers the values that start with what was typed (wildcards allowed), quoted where needed.</summary>
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            try
            {
                var connection = (fakeBoundParameters?["Connection"] is PSObject p ? p.BaseObject : fakeBoundParameters?["Connection"]) as KasmConnection
                    ?? ConnectionStore.Default;
                if (connection == null) return Array.Empty<CompletionResult>();
                string typed = (wordToComplete ?? string.Empty).Trim('\'', '"');
                var pattern = new WildcardPattern(typed + "*", WildcardOptions.IgnoreCase);
                return CompletionCache.Get(connection, Kind, Read)
                    .Where(v => pattern.IsMatch(v))
                    .Select(v => new CompletionResult(Quote(v), v, CompletionResultType.ParameterValue, v))
                    .ToArray();
            }
            catch (Exception)
            {
                return Array.Empty<CompletionResult>();
            }
        }

        /// <summary>Single quotes around a value that has spaces or characters PowerShell would read otherwise.</summary>
        internal static string Quote(string value) =>
            value.Length == 0 || value.Any(c => char.IsWhiteSpace(c) || "'\"`$&|;,(){}<>".IndexOf(c) >= 0) || "@#-[".IndexOf(value[0]) >= 0
                ? "'" + value.Replace("'", "''") + "'" : value;
    }

    /// <summary>Workspace friendly names.</summary>
    public sealed class KasmImageNameCompleter : KasmCompleter
    {
        internal override string Kind => "workspace";
        internal override IEnumerable<string> Read(KasmClient client, CancellationToken cancel) => client.GetImages(cancel).Select(i => i.FriendlyName ?? i.Name ?? "");
    }

    /// <summary>User names.</summary>
    public sealed class KasmUserNameCompleter : KasmCompleter
    {
        internal override string Kind => "user";
        internal override IEnumerable<string> Read(KasmClient client, CancellationToken cancel) => client.GetUsers(cancel).Select(u => u.UserName ?? "");
    }

    /// <summary>Live session ids.</summary>
    public sealed class KasmSessionIdCompleter : KasmCompleter
    {
        internal override string Kind => "session";
        internal override IEnumerable<string> Read(KasmClient client, CancellationToken cancel) => client.GetSessions(cancel).Select(s => s.KasmId.ToString());
    }

    /// <summary>Storage provider names.</summary>
    public sealed class KasmStorageProviderNameCompleter : KasmCompleter
    {
        internal override string Kind => "storage provider";
        internal override IEnumerable<string> Read(KasmClient client, CancellationToken cancel) => client.GetStorageProviders(cancel).Select(p => p.Name ?? "");
    }

    /// <summary>Group names.</summary>
    public sealed class KasmGroupNameCompleter : KasmCompleter
    {
        internal override string Kind => "group";
        internal override IEnumerable<string> Read(KasmClient client, CancellationToken cancel) => client.GetGroups(cancel).Select(g => g.Name ?? "");
    }

    /// <summary>Zone names.</summary>
    public sealed class KasmZoneNameCompleter : KasmCompleter
    {
        internal override string Kind => "zone";
        internal override IEnumerable<string> Read(KasmClient client, CancellationToken cancel) => client.GetZones(cancel).Select(z => z.Name ?? "");
    }

    /// <summary>Server host names.</summary>
    public sealed class KasmServerNameCompleter : KasmCompleter
    {
        internal override string Kind => "server";
        internal override IEnumerable<string> Read(KasmClient client, CancellationToken cancel) => client.GetServers(cancel).Select(s => s.Hostname ?? "");
    }

    /// <summary>API key names.</summary>
    public sealed class KasmApiKeyNameCompleter : KasmCompleter
    {
        internal override string Kind => "API key";
        internal override IEnumerable<string> Read(KasmClient client, CancellationToken cancel) => client.GetApiKeys(cancel).Select(k => k.Name ?? "");
    }

    /// <summary>Global setting names.</summary>
    public sealed class KasmSettingNameCompleter : KasmCompleter
    {
        internal override string Kind => "setting";
        internal override IEnumerable<string> Read(KasmClient client, CancellationToken cancel) => client.GetSettings(cancel).Select(s => s.Name ?? "");
    }

    /// <summary>Group setting names (the same for every group: those of All Users, whose id is fixed).</summary>
    public sealed class KasmGroupSettingNameCompleter : KasmCompleter
    {
        internal override string Kind => "group setting";
        internal override IEnumerable<string> Read(KasmClient client, CancellationToken cancel) =>
            client.GetGroupSettings(KasmClient.AllUsersGroupId, null, cancel).Select(s => s.Name ?? "");
    }
}
