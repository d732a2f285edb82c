namespace Kasm.Client
{
    /// <summary>How the API key and secret travel.</summary>
    public enum KasmAuthentication
    {
        /// <summary>api_key and api_key_secret in the JSON body, as every released Kasm expects.</summary>
        Body,
        /// <summary>An Authorization: Basic header, as Kasm's next API documents.</summary>
        Basic,
    }
}
