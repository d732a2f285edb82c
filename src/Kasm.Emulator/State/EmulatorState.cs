namespace Kasm.Emulator.State;

/// <summary>
/// Everything the emulated server knows. All access goes through <see cref="Gate"/>: requests are handled one at a
/// time inside it, which is plenty for a test double and keeps every handler free of races.
/// </summary>
public sealed class EmulatorState
{
    private readonly string _imageVersion;

    internal EmulatorState(string imageVersion, EmulatorSettings settings, TimeProvider clock)
    {
        _imageVersion = imageVersion;
        Settings = settings;
        Clock = clock;
        Seed();
    }

    /// <summary>The lock every reader and writer takes.</summary>
    public object Gate { get; } = new();

    public TimeProvider Clock { get; }

    public EmulatorSettings Settings { get; }

    internal Dictionary<Guid, UserRecord> UsersById { get; } = [];
    internal Dictionary<Guid, ImageRecord> ImagesById { get; } = [];
    internal Dictionary<Guid, SessionRecord> SessionsById { get; } = [];
    internal List<StorageProviderRecord> StorageProviderList { get; } = [];
    internal List<GroupRecord> GroupList { get; } = [];
    /// <summary>Storage mappings, oldest first (get_storage_mappings). Not part of a state file, like the groups.</summary>
    internal List<StorageMappingRecord> StorageMappingList { get; } = [];
    /// <summary>Accounting rows, oldest first: the fixtures, then one per session made (get_session_history).</summary>
    internal List<AccountRecord> HistoryList { get; } = [];

    /// <summary>Snapshot of the users, in creation order.</summary>
    public IReadOnlyList<UserRecord> Users { get { lock (Gate) return [.. UsersById.Values]; } }

    /// <summary>Snapshot of the images.</summary>
    public IReadOnlyList<ImageRecord> Images { get { lock (Gate) return [.. ImagesById.Values]; } }

    /// <summary>Snapshot of the sessions still present (destroyed ones whose delay has passed are gone).</summary>
    public IReadOnlyList<SessionRecord> Sessions
    {
        get { lock (Gate) { Purge(Now()); return [.. SessionsById.Values]; } }
    }

    /// <summary>Snapshot of the storage providers.</summary>
    public IReadOnlyList<StorageProviderRecord> StorageProviders { get { lock (Gate) return [.. StorageProviderList]; } }

    public DateTime Now() => Timestamps.Now(Clock);

    /// <summary>Throws the current contents away and loads the fixtures again.</summary>
    public void Reset()
    {
        lock (Gate)
        {
            UsersById.Clear();
            ImagesById.Clear();
            SessionsById.Clear();
            StorageProviderList.Clear();
            GroupList.Clear();
            HistoryList.Clear();
            StorageMappingList.Clear();
            Seed();
        }
    }

    /// <summary>Removes sessions whose asynchronous destroy has finished. Callers hold <see cref="Gate"/>.</summary>
    internal void Purge(DateTime now)
    {
        foreach (var gone in SessionsById.Values.Where(s => s.GoneAt <= now).ToList())
            SessionsById.Remove(gone.KasmId);
    }

    /// <summary>
    /// Puts a session in a status and keeps it there: a wire name such as "provisioning", "running", "paused" or
    /// "stopped"; "deleting" as if destroy_kasm had been called; "gone" removes it at once; "auto" lets the start delay
    /// rule again. Throws <see cref="KeyNotFoundException"/> for an unknown session, <see cref="ArgumentException"/>
    /// for an unknown status.
    /// </summary>
    public void SetSessionStatus(Guid kasmId, string status)
    {
        lock (Gate)
        {
            Purge(Now());
            if (!SessionsById.TryGetValue(kasmId, out var session)) throw new KeyNotFoundException($"No session {kasmId:N}.");
            // A status set from outside ends any pause, stop or resume under way: the test drives the session from here.
            session.Transition = null;
            session.TransitionEnds = null;
            switch (status)
            {
                case "gone":
                    SessionsById.Remove(kasmId);
                    return;
                case "auto":
                    session.HeldPhase = null;
                    return;
                case "deleting":
                    session.DestroyRequested ??= Now();
                    session.DestroyDelayMs = int.MaxValue;
                    return;
            }
            if (!SessionPhases.TryParse(status, out var phase) || phase == SessionPhase.Deleting)
                throw new ArgumentException($"Unknown session status '{status}' (expected requested, provisioning, assigned, starting, running, pausing, paused, stopping, stopped, deleting, gone or auto).");
            session.HeldPhase = phase;
        }
    }

    /// <summary>
    /// Adds <paramref name="count"/> users named prefix-N@bulk.local (N from the current count), as create_user makes
    /// them, for benchmarks that need a large get_users answer. Returns how many users there are now.
    /// </summary>
    public int AddUsers(int count, string prefix)
    {
        lock (Gate)
        {
            var now = Now();
            int start = UsersById.Count;
            for (int i = 0; i < count; i++)
            {
                var user = new UserRecord
                {
                    UserId = Guid.NewGuid(),
                    Username = $"{prefix}-{start + i}@bulk.local",
                    FirstName = "Bulk",
                    LastName = $"User {start + i}",
                    Organization = "Bench",
                    Created = now,
                    PasswordSetDate = now,
                    GroupIds = [GroupRecord.AllUsersId],
                };
                UsersById[user.UserId] = user;
            }
            return UsersById.Count;
        }
    }

    internal UserRecord? FindUser(Guid id) => UsersById.GetValueOrDefault(id);

    internal UserRecord? FindUserByName(string username) =>
        UsersById.Values.FirstOrDefault(u => string.Equals(u.Username, username, StringComparison.OrdinalIgnoreCase));

    internal GroupRecord? FindGroup(Guid id) => GroupList.FirstOrDefault(g => g.GroupId == id);

    /// <summary>Sessions that count against limits: every one not already being deleted.</summary>
    internal IEnumerable<SessionRecord> LiveSessions() => SessionsById.Values.Where(s => s.DestroyRequested is null);

    internal StateSnapshot ToSnapshot()
    {
        lock (Gate)
        {
            return new StateSnapshot
            {
                Users = [.. UsersById.Values],
                Images = [.. ImagesById.Values],
                Sessions = [.. SessionsById.Values],
                StorageProviders = [.. StorageProviderList],
            };
        }
    }

    internal void Load(StateSnapshot snapshot)
    {
        lock (Gate)
        {
            UsersById.Clear();
            ImagesById.Clear();
            SessionsById.Clear();
            StorageProviderList.Clear();
            foreach (var u in snapshot.Users) UsersById[u.UserId] = u;
            foreach (var i in snapshot.Images) ImagesById[i.ImageId] = i;
            foreach (var s in snapshot.Sessions) SessionsById[s.KasmId] = s;
            StorageProviderList.AddRange(snapshot.StorageProviders);
        }
    }

    private void Seed()
    {
        GroupList.AddRange(SeedData.Groups());
        HistoryList.AddRange(SeedData.History());
        foreach (var u in SeedData.Users()) UsersById[u.UserId] = u;
        foreach (var i in SeedData.Images(_imageVersion)) ImagesById[i.ImageId] = i;
        StorageProviderList.AddRange(SeedData.StorageProviders());
        StorageMappingList.AddRange(SeedData.StorageMappings());
    }
}

