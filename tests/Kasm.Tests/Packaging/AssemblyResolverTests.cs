#nullable enable
using Xunit;

namespace Kasm.Tests.Packaging;

/// <summary>ModuleInitializer.ResolvePath as a pure function: the "binding redirect in code" for Windows PowerShell 5.1.</summary>
public class AssemblyResolverTests
{
    private static readonly string Dir = Path.Combine(Path.GetTempPath(), "kasm-module");

    public static TheoryData<string> Shipped()
    {
        var data = new TheoryData<string>();
        foreach (var name in ModuleInitializer.ShippedDependencies) data.Add(name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Shipped_names_resolve_whatever_version_is_asked_for(string name)
    {
        string expected = Path.Combine(Dir, name + ".dll");
        Func<string, bool> exists = p => p == expected;
        foreach (var requested in new[]
                 {
                     name,
                     $"{name}, Version=4.0.4.1, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a",
                     $"{name}, Version=99.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51",
                     $"{name}, Version=0.0.0.0",
                     $"{name}, Culture=neutral, PublicKeyToken=null",
                 })
            Assert.Equal(expected, ModuleInitializer.ResolvePath(requested, Dir, exists));
    }

    [Fact]
    public void The_eight_System_Text_Json_8_dependencies_are_handled()
    {
        Assert.Equal(
            new[]
            {
                "Microsoft.Bcl.AsyncInterfaces", "System.Buffers", "System.Memory", "System.Numerics.Vectors",
                "System.Runtime.CompilerServices.Unsafe", "System.Text.Encodings.Web", "System.Text.Json",
                "System.Threading.Tasks.Extensions",
            },
            ModuleInitializer.ShippedDependencies.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("System.Management.Automation, Version=3.0.0.0, Culture=neutral, PublicKeyToken=31bf3856ad364e35")]
    [InlineData("System.Management.Automation")]
    [InlineData("Kasm")]
    [InlineData("Newtonsoft.Json, Version=13.0.0.0, Culture=neutral, PublicKeyToken=30ad4fe6b2a6aeed")]
    [InlineData("System.IO.Pipelines, Version=10.0.0.0")]
    [InlineData("mscorlib, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089")]
    [InlineData("netstandard, Version=2.0.0.0")]
    [InlineData("System.Text.Json.SourceGeneration")]
    [InlineData("System.Memory.Data")]
    public void Unknown_names_return_null_even_when_a_file_exists(string requested) =>
        Assert.Null(ModuleInitializer.ResolvePath(requested, Dir, _ => true));

    [Theory]
    [MemberData(nameof(Shipped))]
    public void Missing_file_returns_null(string name) =>
        Assert.Null(ModuleInitializer.ResolvePath($"{name}, Version=1.0.0.0", Dir, _ => false));

    [Theory]
    [InlineData("")]
    [InlineData("System.Memory, Version=not.a.version")]
    [InlineData("System.Memory, Version=1.2.3.4.5")]
    [InlineData("System.Memory, PublicKeyToken=xyz")]
    [InlineData(", Version=4.0.0.0")]
    [InlineData("System.Memory, Version")]
    public void Malformed_names_return_null(string requested) =>
        Assert.Null(ModuleInitializer.ResolvePath(requested, Dir, _ => true));

    [Fact]
    public void Null_name_returns_null() => Assert.Null(ModuleInitializer.ResolvePath(null!, Dir, _ => true));

    [Fact]
    public void Every_handled_name_resolves_to_a_real_file_in_the_laid_out_module()
    {
        string folder = ModuleLayout.ModuleFolder;
        foreach (var name in ModuleInitializer.ShippedDependencies)
        {
            string? path = ModuleInitializer.ResolvePath($"{name}, Version=1.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51", folder, File.Exists);
            Assert.NotNull(path);
            Assert.True(File.Exists(path), $"{path} is missing");
        }
    }
}
