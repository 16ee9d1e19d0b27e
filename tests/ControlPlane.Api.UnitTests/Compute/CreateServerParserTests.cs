using System.Text.Json;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Microversions;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.UnitTests.Compute;

public sealed class CreateServerParserTests
{
    private const string Image = "11111111-1111-1111-1111-111111111111";

    private static CreateServerRequest Parse(string json, string version = "2.1")
    {
        using var doc = JsonDocument.Parse(json);
        return CreateServerParser.Parse(doc.RootElement, MicroversionNegotiator.Parse(version));
    }

    [Fact]
    public void Accepts_a_minimal_body_and_an_integer_flavorRef()
    {
        var r = Parse($$$"""{"server": {"name": "vm1", "flavorRef": 1, "imageRef": "{{{Image}}}", "metadata": {"a": "b"} } }""");
        Assert.Equal("vm1", r.Name);
        Assert.Equal("1", r.FlavorRef);
        Assert.Equal(Guid.Parse(Image), r.ImageRef);
        Assert.Equal("b", r.Metadata["a"]);
    }

    [Theory]
    [InlineData("""{"server": {"flavorRef": "1", "imageRef": "IMG"}}""", "'name' is a required property")]
    [InlineData("""{"server": {"name": "", "flavorRef": "1", "imageRef": "IMG"}}""", "name")]
    [InlineData("""{"server": {"name": 42, "flavorRef": "1", "imageRef": "IMG"}}""", "is not of type 'string'")]
    [InlineData("""{"server": {"name": " lead", "flavorRef": "1", "imageRef": "IMG"}}""", "name")]
    [InlineData("""{"server": {"name": "x", "flavorRef": {"id": 1}, "imageRef": "IMG"}}""", "flavorRef")]
    [InlineData("""{"server": {"name": "x", "imageRef": "IMG"}}""", "'flavorRef' is a required property")]
    [InlineData("""{"server": {"name": "x", "flavorRef": "1", "imageRef": "not-a-uuid"}}""", "imageRef")]
    [InlineData("""{"server": {"name": "x", "flavorRef": "1", "imageRef": "IMG", "bogus": 1}}""", "'bogus' was unexpected")]
    [InlineData("""{"server": {"name": "x", "flavorRef": "1", "imageRef": "IMG", "description": "d"}}""", "'description' was unexpected")]
    [InlineData("""{"server": {"name": "x", "flavorRef": "1", "imageRef": "IMG", "max_count": 2}}""", "more than one server")]
    [InlineData("""{"server": {"name": "x", "flavorRef": "1", "imageRef": "IMG", "metadata": {"k": 1}}}""", "metadata/k")]
    [InlineData("""{"server": {"name": "x", "flavorRef": "1", "imageRef": "IMG", "accessIPv4": "1.2.3"}}""", "accessIPv4")]
    [InlineData("""{"server": {"name": "x", "flavorRef": "1", "imageRef": "IMG", "networks": [{"uuid": "n"}]}}""", "Network")]
    [InlineData("""{"srv": {}}""", "'server' is a required property")]
    [InlineData("""[1, 2, 3]""", "is not of type 'object'")]
    [InlineData("""{"server": "x"}""", "is not of type 'object'")]
    public void Rejects_bad_bodies_naming_the_field(string json, string expected)
    {
        var e = Assert.Throws<InvalidException>(() => Parse(json.Replace("IMG", Image, StringComparison.Ordinal)));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Networks_are_required_from_2_37_and_accept_none_and_auto()
    {
        var body = $$$"""{"server": {"name": "x", "flavorRef": "1", "imageRef": "{{{Image}}}"}}""";
        Assert.Contains("'networks' is a required property", Assert.Throws<InvalidException>(() => Parse(body, "2.37")).Message);
        Parse(body, "2.36");
        Parse($$$"""{"server": {"name": "x", "flavorRef": "1", "imageRef": "{{{Image}}}", "networks": "none"}}""", "2.37");
        Parse($$$"""{"server": {"name": "x", "flavorRef": "1", "imageRef": "{{{Image}}}", "networks": "auto"}}""", "2.93");
    }

    [Fact]
    public void Description_and_tags_are_accepted_from_their_microversions()
    {
        var r = Parse($$$"""{"server": {"name": "x", "flavorRef": "1", "imageRef": "{{{Image}}}", "networks": "none", "description": "d", "tags": ["a", "b"]}}""", "2.52");
        Assert.Equal("d", r.Description);
        Assert.Equal(["a", "b"], r.Tags);
    }

    [Fact]
    public void Too_much_metadata_is_over_quota()
    {
        var metadata = string.Join(", ", Enumerable.Range(0, 129).Select(i => $"\"k{i}\": \"v\""));
        Assert.Throws<OverQuotaException>(() => Parse($$$"""{"server": {"name": "x", "flavorRef": "1", "imageRef": "{{{Image}}}", "metadata": { {{{metadata}}} } } }"""));
    }

    [Fact]
    public void Access_ips_are_stored_in_canonical_form_as_nova()
    {
        var r = Parse($$$"""{"server": {"name": "x", "flavorRef": "1", "imageRef": "{{{Image}}}", "accessIPv4": "1.1.1.1", "accessIPv6": "0000:0000:0000:0000:0000:babe:220.12.22.2"} }""");
        Assert.Equal("1.1.1.1", r.AccessIpV4);
        Assert.Equal("::babe:dc0c:1602", r.AccessIpV6);
    }
}
