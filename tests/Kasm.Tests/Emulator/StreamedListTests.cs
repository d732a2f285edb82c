using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kasm.Emulator.Api;
using Kasm.Emulator.Faults;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>
/// Large list answers are written entry by entry as they are built (docs/design.md, the emulator's streamed lists),
/// and are the same bytes the whole answer would have been.
/// </summary>
public class StreamedListTests
{
    private static readonly JsonSerializerOptions Wire = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static async Task<(byte[] Body, long? Length, bool Chunked)> GetUsersAsync(TestEmulator emu)
    {
        using var content = new StringContent(emu.Body().ToJsonString(), Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/public/get_users") { Content = content };
        using var response = await emu.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        // The headers as sent, before reading the body (a buffered body gets a computed Content-Length).
        long? length = response.Content.Headers.ContentLength;
        bool chunked = response.Headers.TransferEncodingChunked == true;
        return (await response.Content.ReadAsByteArrayAsync(), length, chunked);
    }

    [Fact]
    public async Task A_large_get_users_is_streamed_and_is_the_json_a_whole_answer_would_be()
    {
        await using var emu = await TestEmulator.StartAsync();
        // A user whose fields need escaping, so the streamed writer's encoder must match the whole answer's.
        var odd = await emu.CallAsync("api/public/create_user", new JsonObject
        {
            ["target_user"] = new JsonObject { ["username"] = "odd@kasm.local", ["notes"] = "<a href=\"x\">&+ é 日本 \u2028 \\ tab\t", ["first_name"] = "Zoë" },
        });
        Assert.Equal(200, odd.Status);
        var small = await GetUsersAsync(emu);
        Assert.False(small.Chunked);
        Assert.Equal(small.Body.Length, small.Length);

        emu.Emulator.State.AddUsers(ApiResponse.StreamFrom + 700, "bulk");
        var large = await GetUsersAsync(emu);
        Assert.True(large.Chunked);
        Assert.Null(large.Length);

        // Canonical: parsing and serializing it again the way the whole answer is serialized gives the same bytes.
        var parsed = JsonNode.Parse(large.Body)!.AsObject();
        Assert.Equal(Encoding.UTF8.GetString(large.Body), parsed.ToJsonString(Wire));
        Assert.Equal(["users", "total"], parsed.Select(p => p.Key));
        var users = parsed["users"]!.AsArray();
        Assert.Equal(ApiResponse.StreamFrom + 703, users.Count);
        Assert.Equal(users.Count, parsed["total"]!.GetValue<int>());
        Assert.Equal(users.Count, users.Select(u => u!["user_id"]!.GetValue<string>()).Distinct().Count());
        // The three users of the small answer are the same bytes in the large one.
        foreach (var entry in JsonNode.Parse(small.Body)!["users"]!.AsArray())
        {
            var same = users.Single(u => u!["user_id"]!.GetValue<string>() == entry!["user_id"]!.GetValue<string>());
            Assert.Equal(entry!.ToJsonString(Wire), same!.ToJsonString(Wire));
        }
    }

    [Fact]
    public async Task A_truncated_fault_on_a_large_list_cuts_the_whole_answer_in_half()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.State.AddUsers(ApiResponse.StreamFrom * 2, "bulk");
        var whole = await GetUsersAsync(emu);
        emu.Emulator.AddFault(new FaultSpec { Method = "get_users", Body = "truncated" });
        var cut = await GetUsersAsync(emu);
        Assert.Equal(whole.Body.Length / 2, cut.Body.Length);
        Assert.Equal(cut.Body.Length, cut.Length);
        Assert.Equal(whole.Body[..cut.Body.Length], cut.Body);
        Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(cut.Body));
    }
}
