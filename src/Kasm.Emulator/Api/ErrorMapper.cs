using System.Text.Json.Nodes;

namespace Kasm.Emulator.Api;

/// <summary>Turns failures into responses, per profile (docs/kasm-api.md#answers for the kasm profiles; the seed document for <c>seed</c>).</summary>
internal sealed class ErrorMapper(Profile profile)
{
    /// <summary>A JSON error body: <c>{"error_message"}</c>, plus <c>"status": "error"</c> in the seed profile only.</summary>
    public ApiResponse JsonError(int status, string message)
    {
        var body = new JsonObject { ["error_message"] = message };
        if (profile.IsSeed) body["status"] = "error";
        return ApiResponse.Json(status, body);
    }

    /// <summary>Framework-level errors (unknown method, content type, bad JSON, GET): HTML in kasm, JSON in seed.</summary>
    public ApiResponse Framework(int status, string reason, string seedMessage) =>
        profile.IsSeed ? JsonError(status, seedMessage) : ApiResponse.HttpErrorPage(status, reason);

    /// <summary>An unhandled exception: the HTML page in kasm, JSON 500 in seed.</summary>
    public ApiResponse Crash(string seedMessage) =>
        profile.IsSeed ? JsonError(500, seedMessage) : ApiResponse.UnhandledExceptionPage();

    /// <summary>A handler's <see cref="ApiError"/>.</summary>
    public ApiResponse Handler(ApiError error, ApiMethod method, Mount mount)
    {
        if (error.Kind == ErrorKind.ServerCrash) return Crash(error.Message);
        if (error.Kind == ErrorKind.JsonServerError) return JsonError(500, error.Message);
        int status = profile.IsSeed
            ? error.Kind switch
            {
                ErrorKind.NotFound => 404,
                ErrorKind.Unauthorized or ErrorKind.Denied or ErrorKind.TargetUnauthorized => 403,
                _ => 400,
            }
            : error.Kind switch
            {
                ErrorKind.Unauthorized => profile.PermissionFailureStatus,
                ErrorKind.TargetUnauthorized => 401,
                // docs/kasm-api.md#answers: /api/public variants of some handlers set HTTP 400 on validation errors; the rest answer 200.
                _ when mount == Mount.Public && method.PublicErrorsAre400 => 400,
                _ => 200,
            };
        return JsonError(status, error.Message);
    }

    /// <summary>An auth-wrapper failure (the auth steps of docs/kasm-api.md#transport-and-authentication; seed codes from the seed document).</summary>
    public ApiResponse Auth(AuthFailure failure, string message)
    {
        if (failure == AuthFailure.MalformedUuid)
            return profile.IsSeed ? JsonError(400, message) : ApiResponse.UnhandledExceptionPage();
        int status = failure switch
        {
            AuthFailure.BadKey => profile.IsSeed ? 401 : 403,
            AuthFailure.Expired => 401,
            AuthFailure.ReadOnly => 401,
            AuthFailure.Impersonation => profile.IsSeed ? 403 : 401,
            AuthFailure.UnknownUser or AuthFailure.UnknownKasm => profile.IsSeed ? 404 : 400,
            AuthFailure.MissingPermission => profile.PermissionFailureStatus,
            AuthFailure.NoCredentials => profile.IsSeed ? 401 : 400,
            _ => 500,
        };
        return JsonError(status, message);
    }
}

