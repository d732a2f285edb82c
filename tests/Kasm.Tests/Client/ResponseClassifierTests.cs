#nullable enable
using Xunit;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using Kasm.Client;

namespace Kasm.Tests.Client;

/// <summary>Every response shape docs/design.md lists, through the pure classifier.</summary>
public class ResponseClassifierTests
{
    private const string Secret = "TopSecret0000000000000000000042";
    private static readonly KasmEndpoint Images = KasmEndpoints.GetImages;

    private static KasmApiException? Classify(int status, string? contentType, string body, bool expectJson = true) =>
        ResponseClassifier.Classify(Images, status, contentType, Encoding.UTF8.GetBytes(body), Secret, expectJson);

    private static KasmApiException Failure(int status, string? contentType, string body)
    {
        var ex = Classify(status, contentType, body);
        Assert.NotNull(ex);
        Assert.Equal("get_images", ex!.Method);
        Assert.Equal(status, ex.StatusCode);
        Assert.Equal("Images View", ex.RequiredPermission);
        return ex;
    }

    [Fact]
    public void Ok_json_object_is_success()
    {
        Assert.Null(Classify(200, "application/json", "{\"images\":[]}"));
        // A null error_message is not an error.
        Assert.Null(Classify(200, "application/json", "{\"error_message\":null,\"images\":[]}"));
    }

    [Fact]
    public void Ok_with_error_message_is_KasmApiError_InvalidOperation()
    {
        var ex = Failure(200, "application/json", "{\"error_message\":\"Image not found\"}");
        Assert.Equal(KasmErrorId.ApiError, ex.ErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, ex.Category);
        Assert.Equal("Image not found", ex.ServerMessage);
        Assert.Contains("Image not found", ex.Message);
        var record = ex.ToErrorRecord("target");
        Assert.Equal("KasmApiError", record.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, record.CategoryInfo.Category);
        Assert.Equal("target", record.TargetObject);
    }

    [Fact]
    public void Ok_with_error_message_is_an_error_even_when_json_is_not_expected()
    {
        var ex = Classify(200, "application/json", "{\"error_message\":\"nope\"}", expectJson: false);
        Assert.Equal(KasmErrorId.ApiError, ex?.ErrorId);
        Assert.Null(Classify(200, "image/jpeg", "\u00ff\u00d8binary", expectJson: false));
    }

    [Theory]
    [InlineData("text/html", "<html><body>An unhandled exception occurred check logs for details<body><html>", "HTML")]
    [InlineData("application/json", "", "empty")]
    [InlineData(null, "", "empty")]
    [InlineData("application/json", "{\"images\":[{\"image_id\":\"01a6", "truncated")]
    [InlineData("application/json", "[{\"image_id\":\"01a6c1f2b3d44e5f8a9b0c1d2e3f4a5b\"}]", "invalid JSON")]
    [InlineData("application/json", "\"just a string\"", "invalid JSON")]
    [InlineData(null, "<!DOCTYPE html><html></html>", "HTML")]
    public void Ok_with_unreadable_body_is_KasmUnexpectedResponse(string? contentType, string body, string named)
    {
        var ex = Failure(200, contentType, body);
        Assert.Equal(KasmErrorId.UnexpectedResponse, ex.ErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, ex.Category);
        Assert.Contains(named, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(400, "KasmInvalidRequest", ErrorCategory.InvalidArgument)]
    [InlineData(401, "KasmUnauthorized", ErrorCategory.AuthenticationError)]
    [InlineData(403, "KasmForbidden", ErrorCategory.PermissionDenied)]
    [InlineData(404, "KasmNotFound", ErrorCategory.ObjectNotFound)]
    [InlineData(415, "KasmInvalidRequest", ErrorCategory.InvalidArgument)]
    [InlineData(429, "KasmServerError", ErrorCategory.ResourceUnavailable)]
    [InlineData(500, "KasmServerError", ErrorCategory.ResourceUnavailable)]
    [InlineData(502, "KasmServerError", ErrorCategory.ResourceUnavailable)]
    [InlineData(503, "KasmServerError", ErrorCategory.ResourceUnavailable)]
    [InlineData(504, "KasmServerError", ErrorCategory.ResourceUnavailable)]
    public void Http_status_maps_to_id_and_category(int status, string errorId, ErrorCategory category)
    {
        var ex = Failure(status, "application/json", "{\"error_message\":\"Said the server\"}");
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal(category, ex.Category);
        Assert.Equal("Said the server", ex.ServerMessage);
        Assert.Equal($"{errorId}", ex.ToErrorRecord(null).FullyQualifiedErrorId);
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public void Auth_failures_name_the_permission_and_what_to_check(int status)
    {
        var ex = Failure(status, "application/json", "{\"error_message\":\"Unauthorized\"}");
        Assert.Contains("'Images View'", ex.Message);
        Assert.Contains("expired", ex.Message);
        Assert.Contains("read-only", ex.Message);
        // update_image changes something: the message says so.
        var write = ResponseClassifier.Classify(KasmEndpoints.UpdateImage, status, "application/json", Encoding.UTF8.GetBytes("{}"), null);
        Assert.Contains("changes something", write!.Message);
    }

    [Fact]
    public void Html_500_page_becomes_a_plain_text_ServerMessage()
    {
        var ex = Failure(500, "text/html", "<html><body>An unhandled exception occurred check logs for details<body><html>");
        Assert.Equal(KasmErrorId.ServerError, ex.ErrorId);
        Assert.Equal("An unhandled exception occurred check logs for details", ex.ServerMessage);
        Assert.DoesNotContain("<", ex.Message);
    }

    [Fact]
    public void Long_html_body_excerpt_is_bounded()
    {
        string body = "<html><body><p>" + new string('x', 5000) + "</p></body></html>";
        var ex = Failure(502, "text/html", body);
        Assert.NotNull(ex.ServerMessage);
        Assert.True(ex.ServerMessage!.Length <= 203, $"excerpt is {ex.ServerMessage.Length} chars");
        Assert.EndsWith("...", ex.ServerMessage);
    }

    [Fact]
    public void Cherrypy_error_page_404_is_KasmNotFound_with_excerpt()
    {
        var ex = Failure(404, "text/html", "An error has occurred 404 Not Found - see logs for details");
        Assert.Equal(KasmErrorId.NotFound, ex.ErrorId);
        Assert.Equal("An error has occurred 404 Not Found - see logs for details", ex.ServerMessage);
        Assert.Contains("/api/public/get_images", ex.Message);
    }

    [Theory]
    [InlineData(401, "KasmUnauthorized")]
    [InlineData(403, "KasmForbidden")]
    [InlineData(404, "KasmNotFound")]
    [InlineData(500, "KasmServerError")]
    public void Seed_shape_error_message_with_status_error(int status, string errorId)
    {
        var ex = Failure(status, "application/json", "{\"error_message\":\"Invalid API key or secret\",\"status\":\"error\"}");
        Assert.Equal(errorId, ex.ErrorId);
        Assert.Equal("Invalid API key or secret", ex.ServerMessage);
    }

    [Fact]
    public void Error_field_is_used_when_there_is_no_error_message()
    {
        var ex = Failure(400, "application/json", "{\"error\":\"bad field\"}");
        Assert.Equal("bad field", ex.ServerMessage);
    }

    [Fact]
    public void Redirect_is_an_unexpected_response()
    {
        var ex = Failure(302, "text/html", "");
        Assert.Equal(KasmErrorId.UnexpectedResponse, ex.ErrorId);
    }

    [Theory]
    [InlineData(200, "application/json", "{\"error_message\":\"key DemoKey00001 secret TopSecret0000000000000000000042 rejected\"}")]
    [InlineData(403, "application/json", "{\"error_message\":\"secret TopSecret0000000000000000000042\",\"status\":\"error\"}")]
    [InlineData(500, "text/html", "<html><body>Traceback: api_key_secret=TopSecret0000000000000000000042</body></html>")]
    public void Secret_in_server_text_is_scrubbed(int status, string contentType, string body)
    {
        var ex = Failure(status, contentType, body);
        Assert.DoesNotContain(Secret, Secrets.Describe(ex));
        Assert.Contains("***", ex.ServerMessage);
    }

    [Theory]
    [InlineData("{\"error_message\":\"secret TopSecret0000000000000000000042\"}", true)]
    [InlineData("{\"error_message\":null}", true)]
    [InlineData("{\"error\":\"bad field\"}", true)]
    [InlineData("<html><body>Traceback</body></html>", true)]
    [InlineData("{\"images\":[{\"name\":\"error_message\"}]}", false)]
    [InlineData("[1,2]", false)]
    [InlineData("", false)]
    public void The_transport_reveals_the_secret_to_scrub_only_an_answer_that_can_carry_a_message(string body, bool carries)
    {
        // KasmTransport.Check asks for the secret only when this is true; every text MessageOf could return comes from
        // such an answer, so nothing it returns goes unscrubbed.
        var bytes = System.Text.Encoding.UTF8.GetBytes(body);
        JsonElement? json = null;
        JsonDocument? doc = null;
        try { doc = JsonDocument.Parse(bytes); json = doc.RootElement; } catch (JsonException) { }
        using (doc)
        {
            Assert.Equal(carries, ResponseClassifier.HasServerMessage(bytes, json));
            if (!carries) Assert.Null(ResponseClassifier.ServerMessage(bytes, "application/json", null));
        }
    }
}
