using System.Text.Json;
using Kasm.Client;
using Kasm.Models;
using Kasm.Tests.Client;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>Fuzz mode (src/Kasm.Emulator/README.md): seeded mutations of every answer, and the client against them.</summary>
public class FuzzTests
{
    private static async Task<string[]> Answers(TestEmulator emu, int seed, int count, string method = "api/public/get_images")
    {
        emu.Emulator.SetFuzz(seed);
        var answers = new string[count];
        for (int i = 0; i < count; i++) answers[i] = (await emu.CallAsync(method)).Text;
        return answers;
    }

    [Fact]
    public async Task Fuzz_mode_gives_the_same_answers_for_the_same_seed_and_other_answers_for_another()
    {
        await using var emu = await TestEmulator.StartAsync();
        var real = (await emu.CallAsync("api/public/get_images")).Text;
        var first = await Answers(emu, 11, 40);
        var again = await Answers(emu, 11, 40);
        var other = await Answers(emu, 12, 40);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        // An edit can happen to change nothing (null for null), but nearly every answer differs from the real one.
        Assert.True(first.Count(a => a != real) >= 35, $"{first.Count(a => a != real)} of 40 differ");
        emu.Emulator.SetFuzz(null);
        Assert.Equal(real, (await emu.CallAsync("api/public/get_images")).Text);
    }

    [Fact]
    public async Task Fuzz_mode_produces_every_kind_of_odd_body()
    {
        await using var emu = await TestEmulator.StartAsync();
        var answers = await Answers(emu, 5, 300);
        int objects = 0, otherKinds = 0, unparsable = 0, deep = 0, large = 0, empty = 0;
        foreach (var a in answers)
        {
            if (a.Length == 0) { empty++; continue; }
            if (a.Length > 1_000_000) large++;
            if (a.StartsWith(new string('[', 200), StringComparison.Ordinal) || a.StartsWith(string.Concat(Enumerable.Repeat("{\"a\":", 200)), StringComparison.Ordinal)) deep++;
            try
            {
                using var doc = JsonDocument.Parse(a);
                if (doc.RootElement.ValueKind == JsonValueKind.Object) objects++; else otherKinds++;
            }
            catch (JsonException) { unparsable++; }
        }
        Assert.True(objects > 150, $"mutated objects: {objects}");
        Assert.True(otherKinds > 0 && unparsable > 0 && deep > 0 && large > 0 && empty > 0,
            $"other kinds {otherKinds}, unparsable {unparsable}, deep {deep}, large {large}, empty {empty}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task KasmClient_lists_fail_only_with_KasmApiException_against_fuzz_mode(int seed)
    {
        await using var emu = await TestEmulator.StartAsync();
        using var connection = new ConnectionSettings
        {
            Server = emu.Emulator.Url.ToString(),
            ApiKey = TestEmulator.DemoKey,
            ApiKeySecret = Secrets.Secure(TestEmulator.DemoSecret),
            CertificateThumbprint = new[] { emu.Emulator.CertificateThumbprint },
            MaximumRetryCount = 0,
            TimeoutSec = 20,
        }.CreateConnection();
        var errors = new List<KasmApiException>();
        var client = new KasmClient(connection, new ItemErrors(errors));
        emu.Emulator.SetFuzz(seed);
        int items = 0, failures = 0;
        for (int i = 0; i < 60; i++)
        {
            foreach (var read in new Func<IEnumerable<object>>[]
                     {
                         () => client.GetImages(default), () => client.GetUsers(default), () => client.GetGroups(default),
                         () => client.GetSessions(default), () => client.GetStorageProviders(default), () => new[] { client.GetSystemInfo(default) },
                     })
            {
                try { items += read().Count(); }
                catch (KasmApiException ex)
                {
                    Assert.Equal(KasmErrorId.UnexpectedResponse, ex.ErrorId);
                    failures++;
                }
            }
        }
        Assert.True(items > 0 && failures > 0, $"items {items}, failures {failures}");
        Assert.All(errors, e => Assert.Equal(KasmErrorId.UnexpectedResponse, e.ErrorId));
    }

    private sealed class ItemErrors(List<KasmApiException> errors) : IKasmLog, IKasmItemErrors
    {
        public void Verbose(string message) { }
        public void Debug(string message) { }
        public bool IsDebugEnabled => false;
        public void ItemFailed(KasmApiException error) => errors.Add(error);
    }
}
