using System.Text.Json;
using ControlPlane.Api.Compute.Lock;
using ControlPlane.Api.Microversions;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.UnitTests.Compute.Lifecycle;

/// <summary>Nova's lock_server schemas: any value before 2.73, then null or an object with an optional 1-255 character locked_reason.</summary>
public sealed class LockRequestParserTests
{
    private static readonly ApiVersion V272 = new(2, 72);
    private static readonly ApiVersion V273 = new(2, 73);

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("""{"locked_reason": "maint"}""")]
    [InlineData("""{"anything": [1, 2]}""")]
    [InlineData("\"text\"")]
    public void Before_2_73_any_value_is_accepted_and_carries_no_reason(string json) =>
        Assert.Null(LockRequestParser.Parse(Json(json), V272));

    [Theory]
    [InlineData("null", null)]
    [InlineData("{}", null)]
    [InlineData("""{"locked_reason": "maint"}""", "maint")]
    public void From_2_73_null_or_an_object_with_an_optional_reason(string json, string? reason) =>
        Assert.Equal(reason, LockRequestParser.Parse(Json(json), V273));

    [Fact]
    public void A_reason_of_255_characters_is_the_longest()
    {
        var longest = new string('r', 255);
        Assert.Equal(longest, LockRequestParser.Parse(Json($$"""{"locked_reason": "{{longest}}"}"""), ApiVersion.Max));
        var e = Assert.Throws<InvalidException>(() => LockRequestParser.Parse(Json($$"""{"locked_reason": "{{longest}}r"}"""), V273));
        Assert.Contains("locked_reason", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"locked_reason": ""}""", "locked_reason")]
    [InlineData("""{"locked_reason": 5}""", "not of type 'string'")]
    [InlineData("""{"locked_reason": "a", "by": "me"}""", "'by' was unexpected")]
    [InlineData("\"maint\"", "is not of type 'object', 'null'")]
    [InlineData("[]", "is not of type 'object', 'null'")]
    public void From_2_73_other_values_are_400_naming_the_problem(string json, string expected)
    {
        var e = Assert.Throws<InvalidException>(() => LockRequestParser.Parse(Json(json), V273));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;
}
