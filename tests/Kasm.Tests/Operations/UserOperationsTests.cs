#nullable enable
using Xunit;
using Kasm.Client;
using Kasm.Emulator.State;
using Kasm.Models;

namespace Kasm.Tests.Operations;

/// <summary>get_users, get_user, create_user and update_user through KasmClient, in every profile.</summary>
public abstract class UserOperationsTests<TFixture> : OpsTestBase<TFixture> where TFixture : EmulatorFixture
{
    private static readonly Guid PlainUser = SeedData.PlainUserId;
    private static readonly Guid AllUsersGroup = GroupRecord.AllUsersId;

    protected UserOperationsTests(TFixture fixture) : base(fixture) { }

    private static Dictionary<string, object?> Fields(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    [Fact]
    public void GetUsers_parses_dashed_ids_and_none_last_session()
    {
        var users = Client().GetUsers(CancellationToken.None).ToList();

        Assert.Equal(2, users.Count);
        var plain = Assert.Single(users, u => u.UserName == "user@kasm.local");
        Assert.Equal(PlainUser, plain.UserId); // get_users sends it dashed
        Assert.Null(plain.LastSession);        // "None"
        Assert.False(plain.AdditionalProperties.ContainsKey("last_session"));
        Assert.Equal("Demo", plain.FirstName);
        Assert.Equal("Example", plain.Organization);
        Assert.NotNull(plain.Created);
        Assert.Equal(DateTimeKind.Utc, plain.Created!.Value.Kind);
        Assert.Contains(plain.Groups!, g => g.GroupId == AllUsersGroup && g.Name == "All Users");
        Assert.Contains(users, u => u.UserId == SeedData.AdminUserId);
    }

    [Fact]
    public void GetUsers_last_session_is_set_once_the_user_had_one()
    {
        var client = Client();
        var before = DateTime.UtcNow.AddSeconds(-5);
        client.RequestSession(SeedData.ChromeImageId, PlainUser, false, null, null, CancellationToken.None);

        var plain = client.GetUsers(CancellationToken.None).Single(u => u.UserId == PlainUser);

        Assert.NotNull(plain.LastSession);
        Assert.InRange(plain.LastSession!.Value, before, DateTime.UtcNow.AddSeconds(5));
        Assert.Equal(DateTimeKind.Utc, plain.LastSession.Value.Kind);
    }

    [Fact]
    public void GetUser_by_id()
    {
        var user = Client().GetUser(PlainUser, CancellationToken.None);

        Assert.Equal(PlainUser, user.UserId);
        Assert.Equal("user@kasm.local", user.UserName);
        Assert.Equal("User", user.LastName);
        Assert.Equal("local", user.Realm);
        Assert.False(user.Locked);
        Assert.Contains(user.Groups!, g => g.GroupId == AllUsersGroup);
        var body = Log.Single("get_user");
        Assert.Equal(Hex(PlainUser), (string?)body["target_user"]!["user_id"]);
    }

    [Fact]
    public void GetUser_Unknown_Fails()
    {
        var ex = Assert.Throws<KasmApiException>(() => Client().GetUser(Guid.NewGuid(), CancellationToken.None));

        Assert.Equal(F.IsSeed ? KasmErrorId.NotFound : KasmErrorId.InvalidRequest, ex.ErrorId);
        Assert.Equal("get_user", ex.Method);
    }

    [Fact]
    public void CreateUser_server_lowercases_the_name()
    {
        var client = Client();

        var user = client.CreateUser(Fields(("username", "  Alice.Example@Test.LOCAL "), ("first_name", "Alice"), ("organization", "Ops")),
            CancellationToken.None);

        Assert.Equal("alice.example@test.local", user.UserName);
        Assert.NotEqual(Guid.Empty, user.UserId);
        Assert.Equal("Alice", user.FirstName);
        Assert.Equal("Ops", user.Organization);
        Assert.Null(user.LastSession);
        var record = Assert.Single(F.Emulator.State.Users, u => u.UserId == user.UserId);
        Assert.Equal("alice.example@test.local", record.Username);
        Assert.Same(client.Connection, user.Connection);
    }

    [Fact]
    public void CreateUser_Duplicate_Fails()
    {
        var client = Client();
        client.CreateUser(Fields(("username", "bob@test.local")), CancellationToken.None);

        var ex = Assert.Throws<KasmApiException>(() => client.CreateUser(Fields(("username", "BOB@test.local")), CancellationToken.None));

        // create_user on /api/public answers business errors with 400 (docs/kasm-api.md#users); the seed uses 400 too.
        Assert.Equal(KasmErrorId.InvalidRequest, ex.ErrorId);
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("create_user", ex.Method);
        Assert.Contains("already exists", ex.ServerMessage!, StringComparison.Ordinal);
        Assert.Equal(2, F.Count("create_user"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void CreateUser_without_user_name_is_rejected_before_sending(string? name)
    {
        var client = Client();
        var fields = Fields(("first_name", "Nobody"));
        if (name != null) fields["username"] = name;

        Assert.Throws<ArgumentException>(() => client.CreateUser(fields, CancellationToken.None));

        Assert.Empty(F.Emulator.RequestLog);
    }

    [Fact]
    public void UpdateUser_without_name_looks_it_up_first_and_sends_only_the_changes()
    {
        var client = Client();

        var user = client.UpdateUser(PlainUser, null, Fields(("organization", "New Org")), CancellationToken.None);

        Assert.Equal(new[] { "get_user", "update_user" }, F.Methods());
        var target = Log.Single("update_user")["target_user"]!.AsObject();
        Assert.Equal(Sorted("organization", "user_id", "username"), Keys(target));
        Assert.Equal(Hex(PlainUser), (string?)target["user_id"]);
        Assert.Equal("user@kasm.local", (string?)target["username"]);
        Assert.Equal("New Org", (string?)target["organization"]);
        Assert.Equal("New Org", user.Organization);
        Assert.Equal("Demo", user.FirstName); // untouched
        var record = F.Emulator.State.Users.Single(u => u.UserId == PlainUser);
        Assert.Equal("New Org", record.Organization);
        Assert.Equal("user@kasm.local", record.Username);
    }

    [Fact]
    public void UpdateUser_with_name_sends_no_lookup()
    {
        var client = Client();

        var user = client.UpdateUser(PlainUser, "user@kasm.local", Fields(("locked", true), ("phone", "555-0100")), CancellationToken.None);

        Assert.Equal(new[] { "update_user" }, F.Methods());
        var target = Log.Single("update_user")["target_user"]!.AsObject();
        Assert.Equal(Sorted("locked", "phone", "user_id", "username"), Keys(target));
        Assert.True((bool)target["locked"]!);
        Assert.True(user.Locked);
        Assert.Equal("555-0100", user.Phone);
        Assert.True(F.Emulator.State.Users.Single(u => u.UserId == PlainUser).Locked);
    }

    [Fact]
    public void UpdateUser_unknown_user_fails_at_the_lookup()
    {
        var client = Client();

        var ex = Assert.Throws<KasmApiException>(() =>
            client.UpdateUser(Guid.NewGuid(), null, Fields(("organization", "x")), CancellationToken.None));

        Assert.Equal("get_user", ex.Method);
        Assert.Equal(0, F.Count("update_user"));
    }
}

public sealed class UserOperations115Tests : UserOperationsTests<Kasm115Fixture> { public UserOperations115Tests(Kasm115Fixture f) : base(f) { } }
public sealed class UserOperations119Tests : UserOperationsTests<Kasm119Fixture> { public UserOperations119Tests(Kasm119Fixture f) : base(f) { } }
public sealed class UserOperationsSeedTests : UserOperationsTests<SeedFixture> { public UserOperationsSeedTests(SeedFixture f) : base(f) { } }
