namespace Kasm.Emulator.Api;

/// <summary>Thrown by handlers for every error response.</summary>
internal sealed class ApiError(ErrorKind kind, string message) : Exception(message)
{
    public ErrorKind Kind { get; } = kind;

    public static ApiError Invalid(string message) => new(ErrorKind.Invalid, message);
    public static ApiError NotFound(string message) => new(ErrorKind.NotFound, message);
    public static ApiError Denied(string message) => new(ErrorKind.Denied, message);
    public static ApiError Unauthorized(string message = "Unauthorized") => new(ErrorKind.Unauthorized, message);
    public static ApiError TargetUnauthorized(string message) => new(ErrorKind.TargetUnauthorized, message);
    public static ApiError Crash(string message) => new(ErrorKind.ServerCrash, message);
    public static ApiError JsonServerError(string message) => new(ErrorKind.JsonServerError, message);
}
