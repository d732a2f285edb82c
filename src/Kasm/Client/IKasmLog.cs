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
