using System.Management.Automation;

namespace Kasm.Client
{
    /// <summary>The stable error ids of the module (docs/design.md). Tests and runbooks match on these, never on text.</summary>
    public static class KasmErrorId
    {
        /// <summary>HTTP 200 with error_message: the usual business error of a real server.</summary>
        public const string ApiError = "KasmApiError";
        /// <summary>HTTP 400 (and other 4xx the table does not name).</summary>
        public const string InvalidRequest = "KasmInvalidRequest";
        /// <summary>HTTP 401.</summary>
        public const string Unauthorized = "KasmUnauthorized";
        /// <summary>HTTP 403.</summary>
        public const string Forbidden = "KasmForbidden";
        /// <summary>HTTP 404.</summary>
        public const string NotFound = "KasmNotFound";
        /// <summary>HTTP 429 and 5xx.</summary>
        public const string ServerError = "KasmServerError";
        /// <summary>HTML, empty, truncated or otherwise unreadable body where JSON was expected.</summary>
        public const string UnexpectedResponse = "KasmUnexpectedResponse";
        /// <summary>DNS, refused, reset, TLS.</summary>
        public const string ConnectionFailed = "KasmConnectionFailed";
        /// <summary>No answer within -TimeoutSec.</summary>
        public const string Timeout = "KasmTimeout";
        /// <summary>No connection made yet, or it was closed with Disconnect-Kasm.</summary>
        public const string NotConnected = "KasmNotConnected";
        /// <summary>Input the module rejects before sending anything.</summary>
        public const string InvalidArgument = "KasmInvalidArgument";
        /// <summary>A lookup by name or id that matched nothing.</summary>
        public const string ItemNotFound = "KasmItemNotFound";
        /// <summary>
        /// The server made what was asked (the object is output) but reported that a part of it failed, such as a
        /// session created without the share id -EnableSharing asked for. The error's TargetObject is the object.
        /// </summary>
        public const string PartialSuccess = "KasmPartialSuccess";
        /// <summary>A session that -Wait waited for is gone, stopped, paused or being deleted, so it will not start.</summary>
        public const string SessionNotStarting = "KasmSessionNotStarting";

        /// <summary>The server refused a feature that none of its licences grants (session recording needs Enterprise or session_recording).</summary>
        public const string NotLicensed = "KasmNotLicensed";

        internal static ErrorCategory CategoryOf(string errorId)
        {
            switch (errorId)
            {
                case ApiError: return ErrorCategory.InvalidOperation;
                case InvalidRequest: return ErrorCategory.InvalidArgument;
                case Unauthorized: return ErrorCategory.AuthenticationError;
                case Forbidden: return ErrorCategory.PermissionDenied;
                case NotFound: return ErrorCategory.ObjectNotFound;
                case ServerError: return ErrorCategory.ResourceUnavailable;
                case UnexpectedResponse: return ErrorCategory.InvalidResult;
                case ConnectionFailed: return ErrorCategory.ConnectionError;
                case Timeout: return ErrorCategory.OperationTimeout;
                case NotConnected: return ErrorCategory.ConnectionError;
                case InvalidArgument: return ErrorCategory.InvalidArgument;
                case ItemNotFound: return ErrorCategory.ObjectNotFound;
                case PartialSuccess: return ErrorCategory.InvalidResult;
                case SessionNotStarting: return ErrorCategory.ResourceUnavailable;
                case NotLicensed: return ErrorCategory.PermissionDenied;
                default: return ErrorCategory.NotSpecified;
            }
        }
    }
}
