using System.Text.Json;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Microversions;
using ControlPlane.Domain.Errors;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ControlPlane.Api.UnitTests.Compute;

public sealed class TextInputTests
{
    [Theory]
    [InlineData("\"a\\u0001b\"")]
    [InlineData("\"a\\u007fb\"")]
    [InlineData("\"a\\u200bb\"")]
    [InlineData("\"a\\nb\"")]
    [InlineData("\" a\"")]
    public void Names_must_be_printable_without_surrounding_whitespace(string json)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.Throws<InvalidException>(() => BodyFields.Name(doc.RootElement, "name"));
    }

    [Theory]
    [InlineData("\"a\\u0001b\"")]
    [InlineData("\"line\\nbreak\"")]
    public void Descriptions_must_be_printable(string json)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.Throws<InvalidException>(() => BodyFields.Description(doc.RootElement, "description"));
    }

    [Fact]
    public void Descriptions_may_have_inner_and_outer_spaces()
    {
        using var doc = JsonDocument.Parse("\" spaced out \"");
        Assert.Equal(" spaced out ", BodyFields.Description(doc.RootElement, "description"));
    }

    [Theory]
    [InlineData("""{"a/b": "x"}""")]
    [InlineData("""{"k\u0001": "x"}""")]
    [InlineData("""{"": "x"}""")]
    public void Metadata_keys_follow_novas_pattern(string json)
    {
        using var doc = JsonDocument.Parse(json);
        Assert.Throws<InvalidException>(() => BodyFields.Metadata(doc.RootElement, "metadata"));
    }

    [Theory]
    [InlineData("sort_key=bogus")]
    [InlineData("sort_key=display_name&sort_key=display_name")]
    [InlineData("sort_dir=sideways")]
    [InlineData("sort_key=display_name&sort_dir=asc&sort_dir=desc")]
    public void Server_list_sort_parameters_are_validated(string query) =>
        Assert.Throws<InvalidException>(() => ServerListParser.Parse(Query(query), ApiVersion.Min, admin: false, maxLimit: 1000));

    [Fact]
    public void Fifteen_hundred_sort_keys_are_refused_without_looking_at_each()
    {
        var query = string.Join("&", Enumerable.Repeat("sort_key=display_name", 1500));
        Assert.Throws<InvalidException>(() => ServerListParser.Parse(Query(query), ApiVersion.Min, admin: false, maxLimit: 1000));
    }

    [Fact]
    public void Valid_sort_parameters_pass()
    {
        var parsed = ServerListParser.Parse(Query("sort_key=display_name&sort_dir=asc&sort_key=created_at&sort_dir=desc"), ApiVersion.Min, admin: false, maxLimit: 1000);
        Assert.Equal(1000, parsed.Query.Limit);
    }

    private static QueryCollection Query(string query) =>
        new(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query).ToDictionary(kv => kv.Key, kv => kv.Value));
}
