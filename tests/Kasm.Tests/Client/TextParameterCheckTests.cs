#nullable enable
using Xunit;
using Kasm.Cmdlets;

namespace Kasm.Tests.Client;

/// <summary>The hostile-text rule every cmdlet inherits (docs/design.md, section 9b).</summary>
public class TextParameterCheckTests
{
    private static TextParameterCheck.TextParameter Param<T>(string name) =>
        TextParameterCheck.Of(typeof(T)).Single(p => p.Name == name);

    [Theory]
    [InlineData("a\0b")]
    [InlineData("a\u001b[31mb")]
    [InlineData("a\u007fb")]
    [InlineData("a\u0085b")]
    [InlineData("a\nb")]
    [InlineData("a\tb")]
    [InlineData("   ")]
    [InlineData("")]
    public void Problem_refuses_hostile_text_in_a_required_single_line_parameter(string value) =>
        Assert.NotNull(TextParameterCheck.Problem(Param<NewKasmUserCommand>("UserName"), value));

    [Fact]
    public void Problem_refuses_unpaired_surrogates_and_takes_pairs()
    {
        // Built here: xUnit's test-case serialisation would turn a lone surrogate in InlineData into U+FFFD.
        var p = Param<NewKasmUserCommand>("UserName");
        Assert.NotNull(TextParameterCheck.Problem(p, "a" + (char)0xD800 + "b"));
        Assert.NotNull(TextParameterCheck.Problem(p, "a" + (char)0xDC00));
        Assert.NotNull(TextParameterCheck.Problem(p, "a" + (char)0xD83D));
        Assert.Null(TextParameterCheck.Problem(p, "a" + (char)0xD83D + (char)0xDE00));
    }

    [Theory]
    [InlineData("bob@example.com")]
    [InlineData("Zoë 😀 ünïcode")]
    public void Problem_accepts_plain_text(string value) =>
        Assert.Null(TextParameterCheck.Problem(Param<NewKasmUserCommand>("UserName"), value));

    [Fact]
    public void Problem_takes_line_breaks_and_tabs_only_in_MultiLine_parameters()
    {
        Assert.Null(TextParameterCheck.Problem(Param<NewKasmUserCommand>("Notes"), "line 1\r\nline 2\tend"));
        Assert.NotNull(TextParameterCheck.Problem(Param<NewKasmUserCommand>("Notes"), "a\0b"));
        Assert.NotNull(TextParameterCheck.Problem(Param<NewKasmUserCommand>("Phone"), "1\n2"));
    }

    [Fact]
    public void Problem_takes_blank_text_where_the_parameter_does_not_require_a_value()
    {
        Assert.Null(TextParameterCheck.Problem(Param<SetKasmUserCommand>("Phone"), ""));
        Assert.Null(TextParameterCheck.Problem(Param<SetKasmUserCommand>("Phone"), "  "));
    }

    [Fact]
    public void Problem_limits_length()
    {
        Assert.Null(TextParameterCheck.Problem(Param<NewKasmUserCommand>("Phone"), new string('1', TextParameterCheck.MaxLength)));
        Assert.NotNull(TextParameterCheck.Problem(Param<NewKasmUserCommand>("Phone"), new string('1', TextParameterCheck.MaxLength + 1)));
        Assert.Null(TextParameterCheck.Problem(Param<NewKasmUserCommand>("Notes"), new string('n', TextParameterCheck.MaxMultiLineLength)));
        Assert.NotNull(TextParameterCheck.Problem(Param<NewKasmUserCommand>("Notes"), new string('n', TextParameterCheck.MaxMultiLineLength + 1)));
    }

    [Fact]
    public void Problem_checks_every_element_of_a_list()
    {
        Assert.NotNull(TextParameterCheck.Problem(Param<GetKasmImageCommand>("Name"), new[] { "Chrome", "a\0b" }));
        Assert.Null(TextParameterCheck.Problem(Param<GetKasmImageCommand>("Name"), new[] { "Chrome", "Fire*" }));
    }

    [Fact]
    public void Problem_walks_hashtables_keys_values_and_nesting()
    {
        var body = TextParameterCheck.Of(typeof(InvokeKasmApiCommand)).Single(p => p.Name == "Body");
        Assert.Null(TextParameterCheck.Problem(body, new System.Collections.Hashtable { ["categories"] = "a\nb", ["n"] = new System.Collections.Hashtable { ["x"] = new[] { "1", "2" } } }));
        Assert.NotNull(TextParameterCheck.Problem(body, new System.Collections.Hashtable { ["k"] = "a\0b" }));
        Assert.NotNull(TextParameterCheck.Problem(body, new System.Collections.Hashtable { ["a\nb"] = 1 }));
        Assert.NotNull(TextParameterCheck.Problem(body, new System.Collections.Hashtable { ["n"] = new System.Collections.Hashtable { ["x"] = new object[] { "ok", "a" + (char)0xD800 } } }));
    }

    [Fact]
    public void Of_finds_the_text_parameters_of_any_cmdlet_and_none_of_its_other_properties()
    {
        var names = TextParameterCheck.Of(typeof(NewKasmUserCommand)).Select(p => p.Name).OrderBy(n => n).ToArray();
        Assert.Equal(new[] { "FirstName", "LastName", "Notes", "Organization", "Phone", "UserName" }, names);
        Assert.True(TextParameterCheck.TakesPipelineInput(typeof(NewKasmUserCommand)));
        Assert.False(TextParameterCheck.TakesPipelineInput(typeof(ConnectKasmCommand)));
    }
}
