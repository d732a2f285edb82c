#nullable enable
using System.Reflection;

namespace Kasm.Tests.Packaging;

/// <summary>Where the laid-out module (out/Kasm) and the NuGet package folder are.</summary>
internal static class ModuleLayout
{
    public static string ModuleFolder
    {
        get
        {
            string? fromEnv = Environment.GetEnvironmentVariable("KASM_MODULE_PATH");
            string path = !string.IsNullOrWhiteSpace(fromEnv) ? fromEnv! : Path.Combine(RepositoryRoot, "out", "Kasm");
            if (!File.Exists(Path.Combine(path, "Kasm.dll")))
                throw new InvalidOperationException($"{path} holds no Kasm.dll: run `dotnet pwsh ./build.ps1 -Task Build` first (or set KASM_MODULE_PATH).");
            return path;
        }
    }

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Kasm.sln"))) return dir.FullName;
            throw new InvalidOperationException($"No Kasm.sln above {AppContext.BaseDirectory}.");
        }
    }

    public static string NuGetPackageRoot
    {
        get
        {
            string? root = typeof(ModuleLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "NuGetPackageRoot")?.Value;
            if (string.IsNullOrWhiteSpace(root))
                root = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            return root!;
        }
    }

    /// <summary>build/.NETFramework/v4.7.2 of Microsoft.NETFramework.ReferenceAssemblies.net472 1.0.3.</summary>
    public static string Net472ReferenceFolder
    {
        get
        {
            string path = Path.Combine(NuGetPackageRoot, "microsoft.netframework.referenceassemblies.net472", "1.0.3",
                "build", ".NETFramework", "v4.7.2");
            if (!Directory.Exists(path)) throw new InvalidOperationException($"{path} is missing: run `dotnet restore tests/Kasm.Tests`.");
            return path;
        }
    }
}
