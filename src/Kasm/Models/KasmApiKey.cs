using System;

namespace Kasm.Models
{
    /// <summary>
    /// A Developer API key (get_api_configs). The secret is shown only once, when a key is made; a listing never has it
    /// (a secret a server sent anyway reads as ***).
    /// </summary>
    public sealed class KasmApiKey : KasmObject
    {
        /// <summary>The key's record id.</summary>
        [KasmIdentity]
        [KasmField("api_id")]
        public Guid ApiId { get; set; }
        /// <summary>Its name.</summary>
        public string? Name { get; set; }
        /// <summary>The key (the public half that names it in requests; not a secret).</summary>
        [KasmField("api_key")]
        public string? ApiKey { get; set; }
        /// <summary>Always *** or empty: the secret is never read back.</summary>
        [KasmField("api_key_secret")]
        public string? ApiKeySecret { get; set; }
        /// <summary>Whether it may be used.</summary>
        public bool Enabled { get; set; }
        /// <summary>Whether it may call only read-only methods.</summary>
        public bool ReadOnly { get; set; }
        /// <summary>When it was made (UTC).</summary>
        public DateTime? Created { get; set; }
        /// <summary>When it was last used (UTC).</summary>
        public DateTime? LastUsed { get; set; }
        /// <summary>When it expires (UTC); empty for never.</summary>
        public DateTime? Expires { get; set; }

        /// <summary>The name.</summary>
        public override string ToString() => Name ?? ApiId.ToString();
    }
}
