#nullable enable
using Xunit;
using System.Text;
using System.Text.Json;
using Kasm.Client;

namespace Kasm.Tests.Client;

public class RedactorTests
{
    private static string Redact(string json, string? secret = null, int max = 100_000) =>
        Redactor.Redact(Encoding.UTF8.GetBytes(json), max, secret);

    [Fact]
    public void Secrets_in_nested_objects_and_arrays_are_masked()
    {
        const string json = """
            {"api_key":"DemoKey00001","api_key_secret":"S-top",
             "target_user":{"username":"alice","password":"P-nested","groups":[{"name":"g","token":"T-in-array"}]},
             "providers":[{"client_secret":"C-1","s3_secret_access_key":"K-2","webdav_pass":"W-3"},[{"session_token":"ST-4"}]],
             "my_custom_secret_field":"X-5","new_password":"NP-6","count":3}
            """;
        string text = Redact(json);
        foreach (var leaked in new[] { "S-top", "P-nested", "T-in-array", "C-1", "K-2", "W-3", "ST-4", "X-5", "NP-6" })
            Assert.DoesNotContain(leaked, text);
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        Assert.Equal("***", root.GetProperty("api_key_secret").GetString());
        Assert.Equal("***", root.GetProperty("target_user").GetProperty("password").GetString());
        Assert.Equal("***", root.GetProperty("target_user").GetProperty("groups")[0].GetProperty("token").GetString());
        Assert.Equal("***", root.GetProperty("providers")[1][0].GetProperty("session_token").GetString());
        // Not secrets: kept as they were.
        Assert.Equal("DemoKey00001", root.GetProperty("api_key").GetString());
        Assert.Equal("alice", root.GetProperty("target_user").GetProperty("username").GetString());
        Assert.Equal(3, root.GetProperty("count").GetInt32());
    }

    [Fact]
    public void Kasm_url_and_login_url_are_masked()
    {
        string text = Redact("""{"kasm_id":"abc","kasm_url":"/#/connect/kasm/abc/def/tok3n","url":"https://kasm/#/login/tok4n"}""");
        Assert.DoesNotContain("tok3n", text);
        Assert.DoesNotContain("tok4n", text);
        Assert.Contains("\"kasm_id\":\"abc\"", text);
    }

    [Fact]
    public void Non_string_secret_values_are_masked_and_empty_or_null_are_kept()
    {
        string text = Redact("""{"password":123456,"token":{"inner":"v"},"secret":"","session_token":null}""");
        using var doc = JsonDocument.Parse(text);
        Assert.Equal("***", doc.RootElement.GetProperty("password").GetString());
        Assert.Equal("***", doc.RootElement.GetProperty("token").GetString());
        Assert.Equal("", doc.RootElement.GetProperty("secret").GetString());
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("session_token").ValueKind);
    }

    [Fact]
    public void Non_json_text_loses_the_connection_secret()
    {
        string text = Redact("<html>secret=Conn3ctionSecret and more</html>", "Conn3ctionSecret");
        Assert.Equal("<html>secret=*** and more</html>", text);
        // Even inside JSON where the key is not a secret key.
        string json = Redact("""{"error_message":"bad Conn3ctionSecret"}""", "Conn3ctionSecret");
        Assert.DoesNotContain("Conn3ctionSecret", json);
    }

    [Fact]
    public void Long_text_is_cut_with_a_count()
    {
        string text = Redact("{\"a\":\"" + new string('x', 100) + "\"}", max: 20);
        Assert.StartsWith("{\"a\":\"xxxxxxxxxxxxxx", text);
        Assert.EndsWith("... (88 more characters)", text);
    }

    [Theory]
    [InlineData("api_key_secret", true)]
    [InlineData("API_KEY_SECRET", true)]
    [InlineData("password", true)]
    [InlineData("set_password", true)]
    [InlineData("oauth_token", true)]
    [InlineData("kasm_url", true)]
    [InlineData("access_token", true)]
    [InlineData("refresh_token", true)]
    [InlineData("session_token_date", false)]
    [InlineData("api_key", false)]
    [InlineData("username", false)]
    [InlineData("kasm_id", false)]
    public void Secret_key_names(string key, bool secret) => Assert.Equal(secret, Redactor.IsSecretKey(key));

    [Fact]
    public void Scrub_replaces_every_occurrence_and_ignores_empty_secret()
    {
        Assert.Equal("*** and ***", Redactor.Scrub("abc and abc", "abc"));
        Assert.Equal("abc", Redactor.Scrub("abc", ""));
        Assert.Equal("abc", Redactor.Scrub("abc", null));
    }
}
