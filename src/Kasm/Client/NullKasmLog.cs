namespace Kasm.Client
{
    internal sealed class NullKasmLog : IKasmLog
    {
        public static readonly NullKasmLog Instance = new NullKasmLog();
        public void Verbose(string message) { }
        public void Debug(string message) { }
        public bool IsDebugEnabled => false;
    }
}
