using System.Text.Json;
using ControlPlane.Api.Compute.Snapshots;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Snapshot.UnitTests.Api;

public sealed class CreateImageParserTests
{
    [Theory]
    [InlineData("""{"name":"snap1"}""", "snap1", 0)]
    [InlineData("""{"name":"snap2","metadata":{}}""", "snap2", 0)]
    [InlineData("""{"name":"ሴሴሴ","metadata":{"a-b_c:d. e":"v","k2":""}}""", "ሴሴሴ", 2)]
    public void Accepts_the_bodies_clients_send(string json, string name, int metadataCount)
    {
        var request = CreateImageParser.Parse(Parse(json));
        Assert.Equal(name, request.Name);
        Assert.Equal(metadataCount, request.Metadata.Count);
    }

    [Theory]
    [InlineData("null", "createImage")]
    [InlineData("""{}""", "createImage")]
    [InlineData("""{"metadata":{}}""", "createImage")]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"name":" lead"}""", "name")]
    [InlineData("""{"name":"trail "}""", "name")]
    [InlineData("""{"name":"a\u0001b"}""", "name")]
    [InlineData("""{"name":42}""", "name")]
    [InlineData("""{"name":null}""", "name")]
    [InlineData("""{"name":"x","metadata":[]}""", "metadata")]
    [InlineData("""{"name":"x","metadata":{"k":1}}""", "metadata/k")]
    [InlineData("""{"name":"x","metadata":{"bad/key":"v"}}""", "metadata")]
    [InlineData("""{"name":"x","metadata":{"":"v"}}""", "metadata")]
    [InlineData("""{"name":"x","extra":1}""", "createImage")]
    public void Rejects_bad_input_with_a_400_naming_the_field(string json, string field)
    {
        var e = Assert.Throws<InvalidException>(() => CreateImageParser.Parse(Parse(json)));
        Assert.Equal(400, e.HttpStatus);
        Assert.StartsWith($"Invalid input for field/attribute {field}. ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Names_and_metadata_values_are_limited_to_255_characters()
    {
        Assert.Equal(255, CreateImageParser.Parse(Parse(Body(new string('n', 255)))).Name.Length);
        Assert.Contains("too long", Assert.Throws<InvalidException>(() => CreateImageParser.Parse(Parse(Body(new string('n', 256))))).Message, StringComparison.Ordinal);
        var longValue = "{\"name\":\"x\",\"metadata\":{\"image_metadata\":\"" + new string('a', 256) + "\"}}";
        Assert.StartsWith("Invalid input for field/attribute metadata/image_metadata.", Assert.Throws<InvalidException>(() => CreateImageParser.Parse(Parse(longValue))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_128_metadata_items_is_over_quota()
    {
        var items = string.Join(',', Enumerable.Range(0, 129).Select(i => $"\"k{i}\":\"v\""));
        var e = Assert.Throws<ForbiddenException>(() => CreateImageParser.Parse(Parse("{\"name\":\"x\",\"metadata\":{" + items + "}}")));
        Assert.Contains("metadata_items", e.Message, StringComparison.Ordinal);
    }

    private static string Body(string name) => $$"""{"name":"{{name}}"}""";

    private static JsonElement Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}
