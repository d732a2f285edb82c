namespace Kasm.Client
{
    /// <summary>Where the client reports what it does. Cmdlets write these to the Verbose and Debug streams.</summary>
    internal interface IKasmLog
    {
        void Verbose(string message);
        void Debug(string message);
        bool IsDebugEnabled { get; }
    }

}

namespace Kasm.Client
{
    /// <summary>
    /// Where a list reports an item it cannot use (an answer item without a readable id) and goes on with the next.
    /// Cmdlets write it as a non-terminating error; a client without this sink throws instead, so nothing is hidden.
    /// </summary>
    internal interface IKasmItemErrors
    {
        void ItemFailed(KasmApiException error);
    }
}
