namespace Kasm.Client
{
    /// <summary>Where the client reports what it does. Cmdlets write these to the Verbose and Debug streams.</summary>
    internal interface IKasmLog
    {
        void Verbose(string message);
        void Debug(string message);
        bool IsDebugEnabled { get; }
    }

    internal sealed class NullKasmLog : IKasmLog
    {
        public static readonly NullKasmLog Instance = new NullKasmLog();
        public void Verbose(string message) { }
        public void Debug(string message) { }
        public bool IsDebugEnabled => false;
    }
}
