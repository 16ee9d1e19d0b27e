using System.Text;
using System.Text.Json;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Text;

namespace ControlPlane.Common.UnitTests.Text;

public sealed class TextRulesTests
{
    // Given as code units: xunit would replace a lone surrogate in a string argument with U+FFFD.
    [Theory]
    [InlineData(new[] { 'a', '\0', 'b' }, "NUL")]
    [InlineData(new[] { 'a', '\ud800', 'b' }, "unpaired")]
    [InlineData(new[] { '\udc00' }, "unpaired")]
    [InlineData(new[] { 'a', 'b', '\ud83d' }, "unpaired")]
    [InlineData(new[] { '\ude00', '\ud83d' }, "unpaired")]
    public void Nul_and_lone_surrogates_are_refused_for_every_kind(char[] units, string reason)
    {
        var value = new string(units);
        foreach (var kind in Enum.GetValues<TextKind>())
        {
            Assert.Contains(reason, TextRules.Problem(value, kind));
        }
    }

    [Theory]
    [InlineData("a\u0001b")]
    [InlineData("a\u007fb")]
    [InlineData("a\u200bb")]
    [InlineData("a\nb")]
    [InlineData("a\u2028b")]
    [InlineData("a\ue000b")]
    public void Control_format_and_separator_characters_are_not_printable(string value)
    {
        Assert.Null(TextRules.Problem(value, TextKind.Storable));
        Assert.Contains("non-printable", TextRules.Problem(value, TextKind.Printable));
        Assert.Contains("non-printable", TextRules.Problem(value, TextKind.Name));
    }

    [Theory]
    [InlineData("vm-1")]
    [InlineData("ünïcødé name")]
    [InlineData("emoji \ud83d\ude00 pair")]
    [InlineData("日本語")]
    public void Printable_names_pass(string value) => Assert.Null(TextRules.Problem(value, TextKind.Name));

    [Theory]
    [InlineData(" lead")]
    [InlineData("trail ")]
    [InlineData("trail\u3000")]
    public void Names_may_not_start_or_end_with_whitespace(string value)
    {
        Assert.Equal("starts or ends with whitespace", TextRules.Problem(value, TextKind.Name));
        Assert.Null(TextRules.Problem(value, TextKind.Printable));
    }

    [Fact]
    public void Require_names_the_field_and_never_echoes_the_character()
    {
        var e = Assert.Throws<InvalidException>(() => TextRules.Require("x\0", "name", TextKind.Name));
        Assert.Contains("name", e.Message);
        Assert.DoesNotContain("\0", e.Message);
    }

    [Fact]
    public void Invalid_utf8_bodies_are_refused() =>
        Assert.Throws<InvalidException>(() => BodyText.RequireUtf8([(byte)'"', 0xC3, 0x28, (byte)'"']));

    [Theory]
    [InlineData("""{"name": "a\u0000b"}""")]
    [InlineData("""{"name": "a\ud800"}""")]
    [InlineData("""{"a\u0000": "b"}""")]
    [InlineData("""{"list": ["ok", {"deep": "\udc00x"}]}""")]
    public void Bodies_with_unstorable_strings_are_refused(string json)
    {
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetBytes(json));
        Assert.Throws<InvalidException>(() => BodyText.RequireStorable(doc.RootElement));
    }

    [Fact]
    public void Ordinary_bodies_pass()
    {
        var bytes = Encoding.UTF8.GetBytes("""{"server": {"name": "vm \u00e9", "metadata": {"k": "line\nbreak"}, "n": 1, "x": null}}""");
        BodyText.RequireUtf8(bytes);
        using var doc = JsonDocument.Parse(bytes);
        BodyText.RequireStorable(doc.RootElement);
    }
}
