#nullable enable
using System.Collections;
using System.Management.Automation;
using System.Text.Json;
using Kasm.Client;
using Kasm.Models;
using Xunit;

namespace Kasm.Tests.Client;

/// <summary>
/// The mapper sets properties through setters compiled once per property and makes objects through compiled
/// constructors (issue 9): the same values as PropertyInfo.SetValue for every kind of property the models have.
/// </summary>
public class CompiledMappingTests
{
    public sealed class Sample : KasmObject
    {
        public Guid Id { get; set; }
        public Guid? MaybeId { get; set; }
        public DateTime When { get; set; }
        public DateTime? MaybeWhen { get; set; }
        public bool Flag { get; set; }
        public int Count { get; set; }
        public long? Big { get; set; }
        public double Ratio { get; set; }
        public string? Text { get; set; }
        public string[]? Tags { get; set; }
        public Hashtable? Table { get; set; }
        public Uri? Link { get; set; }
        public object? Anything { get; set; }
        public KasmGroupMembership[]? Groups { get; set; }
        public ErrorCategory Category { get; set; }
        public string? Hidden { get; private set; }
    }

    private static readonly Type[] ModelTypes = typeof(KasmObject).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(KasmObject).IsAssignableFrom(t)).ToArray();

    public static TheoryData<string, object?> Values => new()
    {
        { nameof(Sample.Id), new Guid("0f1e2d3c-4b5a-4968-7766-554433221100") },
        { nameof(Sample.MaybeId), new Guid("9c1e2d3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f") },
        { nameof(Sample.MaybeId), null },
        { nameof(Sample.When), new DateTime(2026, 12, 3, 17, 0, 0, DateTimeKind.Utc) },
        { nameof(Sample.MaybeWhen), new DateTime(2026, 12, 3, 17, 0, 0, DateTimeKind.Utc) },
        { nameof(Sample.MaybeWhen), null },
        { nameof(Sample.Flag), true },
        { nameof(Sample.Count), 42 },
        { nameof(Sample.Big), 5_000_000_000L },
        { nameof(Sample.Big), null },
        { nameof(Sample.Ratio), 1.5 },
        { nameof(Sample.Text), "text" },
        { nameof(Sample.Tags), new[] { "a", "b" } },
        { nameof(Sample.Link), new Uri("https://kasm.example.com/x") },
        { nameof(Sample.Anything), 7 },
        { nameof(Sample.Category), ErrorCategory.InvalidData },
        { nameof(Sample.Hidden), "private setter" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_compiled_setter_sets_what_SetValue_sets(string name, object? value)
    {
        var property = typeof(Sample).GetProperty(name)!;
        var viaReflection = new Sample { Count = 1, Flag = true, Ratio = 2, Id = Guid.NewGuid() };
        var viaCompiled = new Sample { Count = 1, Flag = true, Ratio = 2, Id = viaReflection.Id };
        property.SetValue(viaReflection, value);
        ModelMapper.CompileSetter(property)(viaCompiled, value);
        Assert.Equal(property.GetValue(viaReflection), property.GetValue(viaCompiled));
        Assert.Equal(value, property.GetValue(viaCompiled));
    }

    [Fact]
    public void A_null_for_a_value_type_sets_its_default_as_SetValue_does()
    {
        var sample = new Sample { Count = 5, Flag = true, When = DateTime.UtcNow, Id = Guid.NewGuid() };
        foreach (var name in new[] { nameof(Sample.Count), nameof(Sample.Flag), nameof(Sample.When), nameof(Sample.Id) })
            ModelMapper.CompileSetter(typeof(Sample).GetProperty(name)!)(sample, null);
        Assert.Equal(0, sample.Count);
        Assert.False(sample.Flag);
        Assert.Equal(default, sample.When);
        Assert.Equal(Guid.Empty, sample.Id);
    }

    [Fact]
    public void A_value_of_another_type_is_refused_not_converted()
    {
        var set = ModelMapper.CompileSetter(typeof(Sample).GetProperty(nameof(Sample.Count))!);
        Assert.Throws<InvalidCastException>(() => set(new Sample(), 5L));
        Assert.Throws<InvalidCastException>(() => ModelMapper.CompileSetter(typeof(Sample).GetProperty(nameof(Sample.Text))!)(new Sample(), 5));
    }

    [Fact]
    public void Nested_arrays_and_tables_are_set_as_the_same_objects()
    {
        var groups = new[] { new KasmGroupMembership() };
        var table = new Hashtable { ["a"] = 1 };
        var sample = new Sample();
        ModelMapper.CompileSetter(typeof(Sample).GetProperty(nameof(Sample.Groups))!)(sample, groups);
        ModelMapper.CompileSetter(typeof(Sample).GetProperty(nameof(Sample.Table))!)(sample, table);
        Assert.Same(groups, sample.Groups);
        Assert.Same(table, sample.Table);
    }

    [Fact]
    public void Every_model_type_gets_a_compiled_constructor_and_setters()
    {
        foreach (var type in ModelTypes)
        {
            var made = ModelMapper.CompileConstructor(type)();
            Assert.IsType(type, made);
            foreach (var p in type.GetProperties().Where(p => p.CanWrite))
                Assert.NotNull(ModelMapper.CompileSetter(p));
        }
    }

    [Fact]
    public void A_whole_object_maps_every_kind_of_field()
    {
        using var doc = JsonDocument.Parse("""
            {"id":"0f1e2d3c4b5a49687766554433221100","maybe_id":"None","when":"2026-12-03 17:00:00.000","maybe_when":null,
             "flag":"true","count":"42","big":5000000000,"ratio":1.5,"text":"t","tags":["a",null,"b"],"table":"{\"k\":1}",
             "link":"/x","anything":{"n":1},"groups":[{"group_id":"9c1e2d3f4a5b4c6d8e7f0a1b2c3d4e5f","name":"All Users"}],
             "category":"x","hidden":"h","extra":1}
            """);
        var s = ModelMapper.Map<Sample>(doc.RootElement, null);
        Assert.Equal(new Guid("0f1e2d3c-4b5a-4968-7766-554433221100"), s.Id);
        Assert.Null(s.MaybeId);
        Assert.Equal(new DateTime(2026, 12, 3, 17, 0, 0, DateTimeKind.Utc), s.When);
        Assert.Equal(DateTimeKind.Utc, s.When.Kind);
        Assert.Null(s.MaybeWhen);
        Assert.True(s.Flag);
        Assert.Equal(42, s.Count);
        Assert.Equal(5_000_000_000L, s.Big);
        Assert.Equal(1.5, s.Ratio);
        Assert.Equal(new[] { "a", "b" }, s.Tags);
        Assert.Equal(1, s.Table!["K"]);
        Assert.Null(s.Link); // relative, and no connection to make it absolute
        Assert.Equal(1, ((System.Management.Automation.PSObject)s.Anything!).Properties["n"].Value);
        Assert.Equal("All Users", Assert.Single(s.Groups!).Name);
        Assert.Equal("h", s.Hidden);
        // Enums are not a type the mapper reads: the field stays as it came, as before the compiled setters.
        Assert.Equal(default, s.Category);
        Assert.Equal("x", s.AdditionalProperties["category"]);
        Assert.Equal(1, s.AdditionalProperties["extra"]);
        Assert.False(s.AdditionalProperties.ContainsKey("count"));
    }
}
