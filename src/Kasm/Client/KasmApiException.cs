using System;
using System.Management.Automation;

namespace Kasm.Client
{
    /// <summary>
    /// Every failure the module reports carries one of these: the stable error id, the HTTP status (0 when no answer
    /// came), the API method, the server's own error_message and the API-key permission the method needs.
    /// It never carries a secret: messages are built from the method, status and server text only.
    /// </summary>
    [Serializable]
    public class KasmApiException : Exception
    {
        /// <summary>Creates the exception.</summary>
        public KasmApiException(string errorId, string message, string? method = null, int statusCode = 0,
            string? serverMessage = null, string? requiredPermission = null, Exception? inner = null)
            : base(message, inner)
        {
            ErrorId = errorId;
            Method = method;
            StatusCode = statusCode;
            ServerMessage = serverMessage;
            RequiredPermission = requiredPermission;
        }

        /// <summary>The stable id: KasmApiError, KasmUnauthorized, KasmTimeout, ...</summary>
        public string ErrorId { get; }

        /// <summary>The API method that failed, such as get_images.</summary>
        public string? Method { get; }

        /// <summary>The HTTP status, or 0 when the server never answered.</summary>
        public int StatusCode { get; }

        /// <summary>The server's error_message (or a short excerpt of a non-JSON body).</summary>
        public string? ServerMessage { get; }

        /// <summary>The API-key permission the method needs.</summary>
        public string? RequiredPermission { get; }

        /// <summary>
        /// The object the failure is about when it exists on the server despite the error: the created object of a
        /// partial success, or the session -Wait gave up on. Cmdlets make it the error's TargetObject.
        /// </summary>
        public object? Result { get; internal set; }

        /// <summary>How many times the request was sent (more than 1 after a retry); 0 when unknown.</summary>
        internal int Attempts { get; set; }

        /// <summary>The PowerShell error category that goes with <see cref="ErrorId"/>.</summary>
        public ErrorCategory Category => KasmErrorId.CategoryOf(ErrorId);

        /// <summary>An ErrorRecord with this id, category and the given target.</summary>
        public ErrorRecord ToErrorRecord(object? target) => new ErrorRecord(this, ErrorId, Category, Result ?? target);
    }
}
