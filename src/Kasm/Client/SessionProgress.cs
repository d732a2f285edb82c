namespace Kasm.Client
{
    /// <summary>Where a session stands while it starts.</summary>
    internal sealed class SessionProgress
    {
        public SessionProgress(string status, string? message, int? percent) { Status = status; Message = message; Percent = percent; }
        public string Status { get; }
        public string? Message { get; }
        public int? Percent { get; }
    }
}
