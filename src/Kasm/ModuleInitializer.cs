using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Kasm
{
    /// <summary>
    /// Windows PowerShell 5.1 has no binding redirects for modules, and the System.Text.Json 8 dependency set asks for
    /// versions that differ from the ones it ships with (System.Memory wants Unsafe 4.0.4.1, 6.0.0.0 ships). This handler
    /// answers exactly those names from the module folder, whatever version was asked for (docs/design.md).
    /// PowerShell 7 loads them from its own runtime and never needs it, so it is registered on .NET Framework only.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        /// <summary>The dependency DLLs the module ships and the handler answers for; nothing else.</summary>
        internal static readonly HashSet<string> ShippedDependencies = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Microsoft.Bcl.AsyncInterfaces", "System.Buffers", "System.Memory", "System.Numerics.Vectors",
            "System.Runtime.CompilerServices.Unsafe", "System.Text.Encodings.Web", "System.Text.Json",
            "System.Threading.Tasks.Extensions",
        };

        private static readonly string ModuleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;
        private static readonly object Gate = new object();
        private static bool _registered;

        /// <summary>Registers the handler when the module is imported into Windows PowerShell.</summary>
        public void OnImport()
        {
            if (!RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal)) return;
            lock (Gate)
            {
                if (_registered) return;
                AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
                _registered = true;
            }
        }

        /// <summary>Removes the handler on Remove-Module.</summary>
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            Cmdlets.Completion.CompletionCache.Clear();
            lock (Gate)
            {
                if (!_registered) return;
                AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
                _registered = false;
            }
        }

        private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
        {
            string? path = ResolvePath(args.Name, ModuleDirectory, File.Exists);
            return path == null ? null : Assembly.LoadFrom(path);
        }

        /// <summary>
        /// The pure part of the handler: the file that answers a requested assembly name, or null when the name is not
        /// one the module ships (or the file is missing). The requested version is ignored on purpose.
        /// </summary>
        internal static string? ResolvePath(string requestedName, string moduleDirectory, Func<string, bool> fileExists)
        {
            if (string.IsNullOrEmpty(requestedName)) return null;
            string simpleName;
            try { simpleName = new AssemblyName(requestedName).Name ?? string.Empty; }
            catch (Exception ex) when (ex is ArgumentException || ex is FileLoadException) { return null; }
            if (!ShippedDependencies.Contains(simpleName)) return null;
            string path = Path.Combine(moduleDirectory, simpleName + ".dll");
            return fileExists(path) ? path : null;
        }
    }
}
