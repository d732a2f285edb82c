using System;

namespace Kasm.Models
{
    /// <summary>
    /// Test-KasmApiKey's finding for one cmdlet: whether the connected key may run it, and what it lacks. Built from
    /// safe probes (reads, and requests the server refuses before acting), not from an answer of the server.
    /// </summary>
    public sealed class KasmPermissionCheck : KasmObject
    {
        /// <summary>The cmdlet.</summary>
        public string? Cmdlet { get; set; }
        /// <summary>True when every method it calls was allowed, false when one was refused, empty when one could not be probed safely.</summary>
        public bool? CanRun { get; set; }
        /// <summary>What is missing: the permission of each refused method (and of each parameter that makes it call one), or why it is unknown.</summary>
        public string? Needs { get; set; }
        /// <summary>A short form of Needs for the table: the first missing permission (and how many more), or the first method not probed.</summary>
        public string? Reason { get; set; }
        /// <summary>The API methods the cmdlet calls (those behind a parameter as "method (-Parameter)").</summary>
        public string[]? Methods { get; set; }
        /// <summary>The methods the key was refused.</summary>
        public string[]? Refused { get; set; }

        /// <summary>The cmdlet.</summary>
        public override string ToString() => Cmdlet ?? "";
    }
}
