using System.Management.Automation;
using Kasm.Client;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// Lets -Type take the names Kasm's UI shows ('Google Drive') as well as the enum names (GoogleDrive), from the
    /// command line and from piped rows alike. Text that names no type is passed on for PowerShell to reject.
    /// </summary>
    internal sealed class StorageProviderTypeTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
        {
            object? value = inputData is PSObject pso ? pso.BaseObject : inputData;
            return value is string text && KasmClient.ParseStorageProviderType(text) is KasmStorageProviderType type ? type : inputData;
        }
    }
}
