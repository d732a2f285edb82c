#nullable enable
using System.Management.Automation;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Xunit;

namespace Kasm.Tests.Packaging;

/// <summary>
/// The static load-closure test for Windows PowerShell 5.1 (docs/design.md, hosts): nothing is loaded, every
/// shipped DLL's references are read with System.Reflection.Metadata and checked against what ships, what .NET
/// Framework 4.7.2 provides, and what ModuleInitializer's AssemblyResolve handler answers.
/// </summary>
public class WindowsPowerShellClosureTests
{
    /// <summary>Provided by the PowerShell host itself, never shipped.</summary>
    private static readonly HashSet<string> HostProvided = new(StringComparer.OrdinalIgnoreCase) { "System.Management.Automation" };

    private sealed record Dll(string File, string Name, Version Version, IReadOnlyList<AssemblyName> References);

    private static Dll Read(string path) => TryRead(path) ?? throw new InvalidOperationException($"{path} is not a .NET assembly");

    private static Dll? TryRead(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata) return null;
        var md = pe.GetMetadataReader();
        if (!md.IsAssembly) return null;
        var def = md.GetAssemblyDefinition();
        var refs = md.AssemblyReferences.Select(h => md.GetAssemblyReference(h).GetAssemblyName()).ToList();
        return new Dll(Path.GetFileName(path), md.GetString(def.Name), def.Version, refs);
    }

    private static readonly Lazy<IReadOnlyList<Dll>> ShippedDlls = new(() =>
        Directory.GetFiles(ModuleLayout.ModuleFolder, "*.dll", SearchOption.AllDirectories).Select(Read).ToList());

    /// <summary>Name → version of every assembly .NET Framework 4.7.2 provides (reference assemblies plus Facades).</summary>
    private static readonly Lazy<IReadOnlyDictionary<string, Version>> Net472 = new(() =>
    {
        string root = ModuleLayout.Net472ReferenceFolder;
        var result = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Directory.GetFiles(root, "*.dll").Concat(Directory.GetFiles(Path.Combine(root, "Facades"), "*.dll")))
        {
            if (TryRead(file) is { } dll) result[dll.Name] = dll.Version;
        }
        return result;
    });

    [Fact]
    public void Net472_reference_set_is_the_real_one()
    {
        Assert.True(Net472.Value.Count > 100, $"only {Net472.Value.Count} assemblies");
        Assert.Contains("netstandard", Net472.Value.Keys);
        Assert.Contains("mscorlib", Net472.Value.Keys);
        Assert.DoesNotContain("System.Memory", Net472.Value.Keys);
        Assert.DoesNotContain("System.Text.Json", Net472.Value.Keys);
    }

    [Fact]
    public void Every_reference_is_shipped_or_in_net472_or_handled()
    {
        var shipped = ShippedDlls.Value.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        foreach (var dll in ShippedDlls.Value)
            foreach (var r in dll.References)
            {
                string name = r.Name!;
                if (shipped.ContainsKey(name)) continue;
                // "Handled" means the AssemblyResolve handler really answers it from the module folder.
                if (ModuleInitializer.ResolvePath(r.FullName, ModuleLayout.ModuleFolder, File.Exists) != null) continue;
                if (Net472.Value.TryGetValue(name, out var provided))
                {
                    // .NET Framework unifies lower versions of its own assemblies up, never a higher one down.
                    if (r.Version != null && r.Version > provided)
                        problems.Add($"{dll.File} -> {name} {r.Version}, but .NET Framework 4.7.2 has {provided}");
                    continue;
                }
                if (dll.Name == "Kasm" && HostProvided.Contains(name)) continue;
                problems.Add($"{dll.File} -> {name} {r.Version}: not shipped, not in .NET Framework 4.7.2, not handled");
            }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        // The walk saw real references (not an empty folder).
        Assert.Contains(ShippedDlls.Value.Single(d => d.Name == "Kasm").References, r => r.Name == "System.Text.Json");
    }

    [Fact]
    public void Every_version_mismatch_with_a_shipped_dll_is_handled()
    {
        var shipped = ShippedDlls.Value.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
        var unhandled = new List<string>();
        int mismatches = 0;
        foreach (var dll in ShippedDlls.Value)
            foreach (var r in dll.References)
            {
                if (!shipped.TryGetValue(r.Name!, out var target) || Equals(r.Version, target.Version)) continue;
                mismatches++;
                if (!ModuleInitializer.ShippedDependencies.Contains(r.Name!))
                    unhandled.Add($"{dll.File} asks for {r.Name} {r.Version}; {target.Version} ships");
            }
        Assert.True(unhandled.Count == 0, string.Join("\n", unhandled));
        // STJ 8's set has known mismatches (System.Memory asks for Unsafe 4.0.4.1, 6.0.0.0 ships): finding none means
        // the comparison is broken or the set changed, and this test should be reviewed.
        Assert.True(mismatches > 0, "no version mismatch found among the shipped DLLs");
    }

    [Fact]
    public void Handler_covers_exactly_the_shipped_dependencies()
    {
        var dependencies = ShippedDlls.Value.Where(d => d.Name != "Kasm").Select(d => d.Name);
        Assert.Equal(dependencies.OrderBy(n => n, StringComparer.OrdinalIgnoreCase),
            ModuleInitializer.ShippedDependencies.OrderBy(n => n, StringComparer.OrdinalIgnoreCase));
        // File name and assembly name agree, or the handler's <name>.dll would miss.
        Assert.All(ShippedDlls.Value, d => Assert.Equal(d.Name + ".dll", d.File));
    }

    [Fact]
    public void Kasm_references_System_Text_Json_8_or_lower()
    {
        var kasm = ShippedDlls.Value.Single(d => d.Name == "Kasm");
        var stj = Assert.Single(kasm.References, r => r.Name == "System.Text.Json");
        Assert.True(stj.Version! <= new Version(8, 0, 0, 0), $"Kasm.dll references System.Text.Json {stj.Version}; PowerShell 7.4 ships 8.0.0.0");
        var shippedStj = ShippedDlls.Value.Single(d => d.Name == "System.Text.Json");
        Assert.True(shippedStj.Version <= new Version(8, 0, 0, 0), $"ships System.Text.Json {shippedStj.Version}");
        // Kasm.dll is netstandard2.0 and references no PowerShell newer than 5.1's surface.
        Assert.Contains(kasm.References, r => r.Name == "netstandard" && r.Version == new Version(2, 0, 0, 0));
        var sma = Assert.Single(kasm.References, r => r.Name == "System.Management.Automation");
        Assert.True(sma.Version! <= new Version(3, 0, 0, 0), $"SMA {sma.Version}");
    }

    [Fact]
    public void Module_folder_holds_exactly_the_expected_files()
    {
        string folder = ModuleLayout.ModuleFolder;
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .OrderBy(f => f, StringComparer.Ordinal).ToArray();
        var expected = new[]
        {
            "Kasm.Format.ps1xml", "Kasm.dll", "Kasm.psd1", "LICENSE",
            "Microsoft.Bcl.AsyncInterfaces.dll", "System.Buffers.dll", "System.Memory.dll", "System.Numerics.Vectors.dll",
            "System.Runtime.CompilerServices.Unsafe.dll", "System.Text.Encodings.Web.dll", "System.Text.Json.dll",
            "System.Threading.Tasks.Extensions.dll",
            "en-US/Kasm.dll-Help.xml", "en-US/about_Kasm.help.txt",
        }.OrderBy(f => f, StringComparer.Ordinal).ToArray();
        Assert.Equal(expected, files);
        Assert.DoesNotContain(files, f => f.Contains("System.Management.Automation", StringComparison.OrdinalIgnoreCase));
    }

    // ---- the public surface: no System.Text.Json type, so nothing loads STJ before OnImport ran ----

    private static bool IsStj(Type t)
    {
        if (t.HasElementType) return IsStj(t.GetElementType()!);
        if (t.IsGenericType && !t.IsGenericTypeDefinition && t.GetGenericArguments().Any(IsStj)) return true;
        if (t.IsGenericParameter) return false;
        return string.Equals(t.Assembly.GetName().Name, "System.Text.Json", StringComparison.OrdinalIgnoreCase)
            || (t.Namespace?.StartsWith("System.Text.Json", StringComparison.Ordinal) ?? false);
    }

    private static IEnumerable<(string Where, Type Type)> SurfaceTypes(Type type, bool includePrivateFields)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        for (var b = type.BaseType; b != null; b = b.BaseType) yield return ($"{type} base", b);
        foreach (var i in type.GetInterfaces()) yield return ($"{type} implements", i);
        foreach (var a in type.GetCustomAttributesData())
            foreach (var t in AttributeTypes(a)) yield return ($"{type} [{a.AttributeType.Name}]", t);

        static bool Visible(MethodBase? m) => m != null && (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly);

        foreach (var f in type.GetFields(all))
            if (f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly || includePrivateFields)
                yield return ($"{type}.{f.Name}", f.FieldType);
        foreach (var p in type.GetProperties(all))
        {
            if (!Visible(p.GetMethod) && !Visible(p.SetMethod)) continue;
            yield return ($"{type}.{p.Name}", p.PropertyType);
            foreach (var a in p.GetCustomAttributesData())
                foreach (var t in AttributeTypes(a)) yield return ($"{type}.{p.Name} [{a.AttributeType.Name}]", t);
        }
        foreach (var m in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (!Visible(m)) continue;
            if (m is MethodInfo mi) yield return ($"{type}.{m.Name} returns", mi.ReturnType);
            foreach (var p in m.GetParameters()) yield return ($"{type}.{m.Name}({p.Name})", p.ParameterType);
        }
        foreach (var e in type.GetEvents(all))
            if (Visible(e.AddMethod)) yield return ($"{type}.{e.Name}", e.EventHandlerType!);
    }

    private static IEnumerable<Type> AttributeTypes(CustomAttributeData a)
    {
        foreach (var arg in a.ConstructorArguments.Concat(a.NamedArguments.Select(n => n.TypedValue)))
        {
            if (arg.Value is Type t) yield return t;
            if (arg.Value is IEnumerable<CustomAttributeTypedArgument> items)
                foreach (var item in items)
                    if (item.Value is Type it) yield return it;
        }
    }

    [Fact]
    public void Public_surface_references_no_System_Text_Json_type()
    {
        var assembly = typeof(ModuleInitializer).Assembly;
        var offenders = new List<string>();
        int seen = 0;
        foreach (var type in assembly.GetExportedTypes())
        {
            bool cmdlet = typeof(Cmdlet).IsAssignableFrom(type);
            foreach (var (where, t) in SurfaceTypes(type, includePrivateFields: cmdlet))
            {
                seen++;
                if (IsStj(t)) offenders.Add($"{where}: {t}");
            }
        }
        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
        Assert.True(seen > 100, $"only {seen} surface types looked at");
    }

    [Fact]
    public void Cmdlet_parameters_and_output_types_reference_no_System_Text_Json_type()
    {
        var cmdlets = typeof(ModuleInitializer).Assembly.GetExportedTypes()
            .Where(t => !t.IsAbstract && typeof(Cmdlet).IsAssignableFrom(t) && t.GetCustomAttribute<CmdletAttribute>() != null).ToList();
        Assert.Contains(cmdlets, t => t.Name == "GetKasmImageCommand");
        foreach (var cmdlet in cmdlets)
        {
            var outputs = cmdlet.GetCustomAttributes<OutputTypeAttribute>().SelectMany(o => o.Type).ToList();
            Assert.True(outputs.Count > 0, $"{cmdlet.Name} has no [OutputType]");
            Assert.All(outputs, o => Assert.False(o.Type != null && IsStj(o.Type), $"{cmdlet.Name} outputs {o.Name}"));
            foreach (var p in cmdlet.GetProperties().Where(p => p.GetCustomAttributes<ParameterAttribute>().Any()))
                Assert.False(IsStj(p.PropertyType), $"{cmdlet.Name}.{p.Name} is {p.PropertyType}");
        }
    }

    [Fact]
    public void The_stj_detector_detects()
    {
        Assert.True(IsStj(typeof(System.Text.Json.JsonElement)));
        Assert.True(IsStj(typeof(List<System.Text.Json.Nodes.JsonNode>)));
        Assert.True(IsStj(typeof(System.Text.Json.JsonDocument[])));
        Assert.False(IsStj(typeof(Dictionary<string, object>)));
    }
}
