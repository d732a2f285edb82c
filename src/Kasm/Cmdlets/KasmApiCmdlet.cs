using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using Kasm.Client;

namespace Kasm.Cmdlets
{
    /// <summary>A cmdlet that talks to a Kasm server: it takes -Connection, or the piped object's connection, or the default.</summary>
    public abstract class KasmApiCmdlet : KasmCmdlet
    {
        /// <summary>
        /// The connection to use. Objects from this module carry the connection they came from, so a piped object
        /// goes back to its own server. Without it, the connection Connect-Kasm made last in this session is used.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public KasmConnection? Connection { get; set; }

        /// <summary>
        /// The object piped in, whatever it is (hidden): a module object this cmdlet has no use for is refused rather
        /// than silently ignored, and a piped connection (Get-KasmConnection) is used as -Connection.
        /// </summary>
        [Parameter(ValueFromPipeline = true, DontShow = true)]
        public PSObject? InputObject { get; set; }

        /// <summary>
        /// The module types whose piped objects mean something to this cmdlet (their properties bind to its
        /// parameters); a piped object of any other module type is an error for that object, and nothing is sent.
        /// </summary>
        internal abstract Type[] PipedTypes { get; }

        /// <summary>Every module object type (all KasmObject types): for cmdlets where any piped object means "its server".</summary>
        internal static readonly Type[] AnyModuleType = typeof(Models.KasmObject).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(Models.KasmObject).IsAssignableFrom(t)).ToArray();

        /// <summary>
        /// True for cmdlets where a piped module object means only "use its connection" (Get-KasmSystemInfo); for the
        /// others a piped object must bind at least one parameter, or it is refused.
        /// </summary>
        internal virtual bool PipedConnectionIsEnough => false;

        /// <summary>Checks the piped object, then does one item's work.</summary>
        protected sealed override void ProcessRecord()
        {
            if (!PipedObjectIsUsable()) return;
            if (PipelineTextProblem() is string problem)
            {
                WriteError(InvalidArgument($"{problem} Nothing was sent for this record.", InputObject?.BaseObject));
                return;
            }
            ProcessItem();
        }

        /// <summary>One record's work (ProcessRecord of a plain cmdlet).</summary>
        protected abstract void ProcessItem();

        /// <summary>The piped object as a T, or null (for names in ShouldProcess targets).</summary>
        internal T? Piped<T>() where T : class => InputObject?.BaseObject as T;

        /// <summary>The ShouldProcess target of a session given by id: named from a piped session of that id, else the id.</summary>
        internal string SessionTarget(Guid kasmId)
        {
            var piped = Piped<Kasm.Models.KasmSession>();
            if (piped != null && piped.KasmId != kasmId) piped = null;
            return Targets.Session(kasmId, piped?.UserName, piped?.ImageName);
        }

        private bool PipedObjectIsUsable()
        {
            string name = MyInvocation.MyCommand.Name;
            if (IsOnCommandLine(nameof(InputObject)))
            {
                WriteError(InvalidArgument($"-InputObject of {name} takes pipeline input only: pipe the object in, or use the cmdlet's parameters.", InputObject));
                return false;
            }
            object? piped = InputObject?.BaseObject;
            if (piped == null || piped is KasmConnection) return true;
            if (piped is Models.KasmObject o && Array.IndexOf(PipedTypes, o.GetType()) < 0)
            {
                string takes = PipedTypes.Length == 0 ? "no module objects" : string.Join(" or ", PipedTypes.Select(t => t.Name));
                WriteError(InvalidArgument($"{name} does not take {o.GetType().Name} objects from the pipeline (it takes {takes}): it would ignore what the object says. Nothing was sent for it.", o));
                return false;
            }
            if (piped is string || piped is Guid || piped.GetType().IsPrimitive)
            {
                WriteError(InvalidArgument($"{name} takes module objects or rows with named properties from the pipeline, not a bare {piped.GetType().Name} ('{piped}'). Pass it to a parameter instead. Nothing was sent for it.", piped));
                return false;
            }
            if (piped is Models.KasmObject && PipedConnectionIsEnough) return true;
            if (BindsAParameter(InputObject!, out var fillable)) return true;
            WriteError(InvalidArgument(
                $"{name} has no use for this piped {(piped is Models.KasmObject ? piped.GetType().Name : "object")}: none of its properties fills a parameter that takes pipeline input here" +
                $"{(fillable.Count == 0 ? " (none does, with the parameters given)" : $" ({string.Join(", ", fillable)})")}, so it would be ignored. Nothing was sent for it.", piped));
            return false;
        }

        /// <summary>
        /// True when the piped object fills one of the active parameter set's pipeline parameters (besides -Connection
        /// and -InputObject) that the command line has not already given: a property of that name or alias with a
        /// value, or a value bound by value.
        /// </summary>
        private bool BindsAParameter(PSObject input, out List<string> takes)
        {
            takes = new List<string>();
            // The set's parameters are worked out once per set for the invocation (bulk pipelines pass here per item).
            if (!_setParameters.TryGetValue(ParameterSetName, out var parameters))
            {
                var set = MyInvocation.MyCommand.ParameterSets.FirstOrDefault(s => s.Name == ParameterSetName)
                    ?? MyInvocation.MyCommand.ParameterSets.FirstOrDefault();
                parameters = set?.Parameters.ToArray() ?? Array.Empty<CommandParameterInfo>();
                _setParameters[ParameterSetName] = parameters;
            }
            if (parameters.Length == 0) return true;
            foreach (var p in parameters)
            {
                if (p.Name == nameof(Connection) || p.Name == nameof(InputObject) || IsOnCommandLine(p.Name)) continue;
                if (p.ValueFromPipeline && MyInvocation.BoundParameters.ContainsKey(p.Name)) return true;
                if (!p.ValueFromPipelineByPropertyName) continue;
                takes.Add("-" + p.Name);
                foreach (var n in new[] { p.Name }.Concat(p.Aliases))
                    if (input.Properties[n]?.Value != null) return true;
            }
            return false;
        }

        private readonly Dictionary<string, CommandParameterInfo[]> _setParameters = new Dictionary<string, CommandParameterInfo[]>(StringComparer.Ordinal);
        private readonly HashSet<KasmConnection> _listed = new HashSet<KasmConnection>();
        private readonly Dictionary<(KasmConnection, Type), System.Collections.IList> _lists = new Dictionary<(KasmConnection, Type), System.Collections.IList>();

        private readonly HashSet<KasmConnection> _used = new HashSet<KasmConnection>();

        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> StateChanging = new System.Collections.Concurrent.ConcurrentDictionary<Type, bool>();

        /// <summary>Whether the cmdlet type supports ShouldProcess (read from its attribute once per type, not per call).</summary>
        private static bool ChangesState(Type type) => StateChanging.GetOrAdd(type, t =>
            ((CmdletAttribute?)Attribute.GetCustomAttribute(t, typeof(CmdletAttribute)))?.SupportsShouldProcess == true);

        /// <summary>The client for this item's connection.</summary>
        internal KasmClient Client => ClientWith(this);

        /// <summary>The client for this item's connection, logging to <paramref name="log"/> (pipeline thread only).</summary>
        internal KasmClient ClientWith(IKasmLog log)
        {
            var connection = ResolveConnection();
            _used.Add(connection);
            return new KasmClient(connection, log);
        }

        /// <summary>
        /// After a cmdlet that changes things (it supports -WhatIf), what Tab offered for its servers may be stale:
        /// the completion lists of the connections it used are read again at the next Tab.
        /// </summary>
        protected override void EndProcessing()
        {
            if (_used.Count > 0 && ChangesState(GetType()))
                foreach (var connection in _used) Completion.CompletionCache.Forget(connection);
        }

        /// <summary>
        /// True the first time this invocation lists from the client's connection. Every object of the module binds
        /// -Connection from the pipeline, so `Get-KasmUser | Get-KasmImage` brings many records that ask for the same
        /// list: it is written once per connection.
        /// </summary>
        internal bool FirstListing(KasmClient client) => _listed.Add(client.Connection);

        /// <summary>
        /// List once per connection: a list read at most once per connection and item type for the whole invocation,
        /// for cmdlets that look piped ids or names up in it (a thousand piped users cost one get_kasms).
        /// </summary>
        internal List<T> ListOnce<T>(KasmClient client, Func<KasmClient, IEnumerable<T>> list)
        {
            var key = (client.Connection, typeof(T));
            if (!_lists.TryGetValue(key, out var cached))
            {
                cached = list(client).ToList();
                _lists[key] = cached;
            }
            return (List<T>)cached;
        }

        /// <summary>The workspace a name means (exact friendly or Docker name), from the invocation's one listing.</summary>
        internal Models.KasmImage ImageNamed(KasmClient client, string name) =>
            KasmClient.PickByName(ListOnce(client, c => c.GetImages(Cancellation)), name, i => new[] { i.FriendlyName, i.Name }, "workspace",
                i => $"{i.FriendlyName} ({i.Name}, {i.ImageId})");

        /// <summary>The workspace a first-position argument means: an id as it is, else a name (<see cref="ImageNamed"/>).</summary>
        internal Guid ImageIdOf(KasmClient client, string nameOrId) =>
            Guid.TryParse(nameOrId, out var id) ? id : ImageNamed(client, nameOrId).ImageId;

        /// <summary>
        /// The user a first-position argument means: an id as it is (its name unknown, null), else a name
        /// (<see cref="UserNamed"/>) with the user's name as Kasm spells it.
        /// </summary>
        internal (Guid Id, string? Name) UserOf(KasmClient client, string nameOrId)
        {
            if (Guid.TryParse(nameOrId, out var id)) return (id, null);
            var user = UserNamed(client, nameOrId);
            return (user.UserId, user.UserName);
        }

        /// <summary>The group a name means (exact match), from the invocation's one listing.</summary>
        internal Models.KasmGroup GroupNamed(KasmClient client, string name) =>
            KasmClient.PickByName(ListOnce(client, c => c.GetGroups(Cancellation)), name, g => new[] { g.Name }, "group",
                g => $"{g.Name} ({g.GroupId})");

        /// <summary>The user a name means, from the invocation's one listing.</summary>
        internal Models.KasmUser UserNamed(KasmClient client, string name) =>
            KasmClient.PickByName(ListOnce(client, c => c.GetUsers(Cancellation)), name, u => new[] { u.UserName }, "user",
                u => $"{u.UserName} ({u.UserId})");

        /// <summary>
        /// Writes the listed items whose name matches -Name's patterns (all without patterns), as they are read; then
        /// a KasmItemNotFound error for each name without wildcards that matched nothing (PowerShell's -Name rule).
        /// </summary>
        internal void WriteMatching<T>(Func<KasmClient, IEnumerable<T>> list, string[]? names, Func<T, string?[]> namesOf, string noun)
        {
            var filter = new NameFilter(names);
            bool first = false;
            bool listed = Try(names, () =>
            {
                var client = Client;
                if (!(first = FirstListing(client))) return;
                foreach (var item in list(client))
                    if (filter.Matches(namesOf(item))) WriteObject(item);
            });
            if (!listed || !first) return;
            foreach (var missing in filter.UnmatchedLiterals)
                WriteError(ItemNotFound($"No {noun} has the name '{missing}'.", missing));
        }

        private KasmConnection ResolveConnection() =>
            Connection ?? InputObject?.BaseObject as KasmConnection ?? ConnectionStore.Default ?? throw new KasmApiException(KasmErrorId.NotConnected,
                "There is no Kasm connection. Run Connect-Kasm first, or pass -Connection.");
    }
}
