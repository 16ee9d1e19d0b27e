using System.Text;
using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Patching;

namespace ControlPlane.ImageStore.UnitTests.Patching;

public sealed class JsonPatchParserTests
{
    private static IReadOnlyList<PatchOperation> Parse(string contentType, string body) =>
        JsonPatchParser.Parse(contentType, Encoding.UTF8.GetBytes(body));

    [Fact]
    public void V21_media_type_reads_rfc6902_operations()
    {
        var ops = Parse(PatchMediaTypes.V21,
            """[{"op":"replace","path":"/name","value":"n2"},{"op":"add","path":"/foo","value":"bar"},{"op":"remove","path":"/baz"}]""");

        Assert.Equal(3, ops.Count);
        Assert.Equal(("replace", "name", "n2"), (ops[0].Op, ops[0].Attribute, ops[0].Value.GetString()));
        Assert.Equal(("add", "foo", "bar"), (ops[1].Op, ops[1].Attribute, ops[1].Value.GetString()));
        Assert.Equal(("remove", "baz"), (ops[2].Op, ops[2].Attribute));
    }

    [Fact]
    public void V20_media_type_reads_glance_draft4_operations()
    {
        var ops = Parse(PatchMediaTypes.V20 + "; charset=UTF-8",
            """[{"replace":"/name","value":"tempest"},{"add":"/k","value":"v"},{"remove":"/old"}]""");

        Assert.Equal(["replace", "add", "remove"], ops.Select(o => o.Op));
        Assert.Equal(["name", "k", "old"], ops.Select(o => o.Attribute));
        Assert.Equal("tempest", ops[0].Value.GetString());
    }

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/json-patch+json")]
    [InlineData(null)]
    public void Other_media_types_are_415(string? contentType)
    {
        var ex = Assert.Throws<UnsupportedMediaTypeException>(() => JsonPatchParser.Parse(contentType, "[]"u8));
        Assert.Equal(415, ex.HttpStatus);
    }

    [Theory]
    [InlineData("""{"op":"replace","path":"/name","value":"x"}""")]
    [InlineData("""[{"op":"move","path":"/name","from":"/a"}]""")]
    [InlineData("""[{"op":"replace","value":"x"}]""")]
    [InlineData("""[{"op":"replace","path":"/name"}]""")]
    [InlineData("""[{"op":"replace","path":"name","value":"x"}]""")]
    [InlineData("""[{"op":"replace","path":"/a/b","value":"x"}]""")]
    [InlineData("""[{"op":"replace","path":"/a~2","value":"x"}]""")]
    [InlineData("""[1]""")]
    [InlineData("""not json""")]
    public void Malformed_v21_documents_are_400(string body)
    {
        var ex = Assert.Throws<InvalidException>(() => Parse(PatchMediaTypes.V21, body));
        Assert.Equal(400, ex.HttpStatus);
    }

    [Theory]
    [InlineData("""[{"replace":"/name","add":"/x","value":"v"}]""")]
    [InlineData("""[{"value":"v"}]""")]
    [InlineData("""[{"replace":5,"value":"v"}]""")]
    [InlineData("""[{"add":"/x"}]""")]
    public void Malformed_v20_documents_are_400(string body) =>
        Assert.Throws<InvalidException>(() => Parse(PatchMediaTypes.V20, body));

    [Fact]
    public void Pointer_escapes_are_decoded()
    {
        Assert.Equal("a/b", JsonPatchParser.DecodePointer("/a~1b"));
        Assert.Equal("a~b", JsonPatchParser.DecodePointer("/a~0b"));
        Assert.Equal("~1", JsonPatchParser.DecodePointer("/~01"));
    }

    [Theory]
    [InlineData("/locations/-")]
    [InlineData("/locations/0")]
    [InlineData("/locations/12")]
    public void Location_entry_pointers_name_the_reserved_locations_attribute(string pointer) =>
        Assert.Equal("locations", JsonPatchParser.DecodePointer(pointer));

    [Theory]
    [InlineData("/locations/x")]
    [InlineData("/locations/")]
    [InlineData("/locations/0/url")]
    [InlineData("/name/0")]
    public void Other_nested_pointers_are_400(string pointer) =>
        Assert.Throws<InvalidException>(() => JsonPatchParser.DecodePointer(pointer));
}
