using System.Text.Json;
using ControlPlane.Api.Compute.ConsoleLogs;
using ControlPlane.Api.Compute.Rebuild;
using ControlPlane.Api.Microversions;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Actions.UnitTests.Api;

public sealed class RebuildAndConsoleOutputParserTests
{
    private const string Image = "aaaaaaaa-0000-4000-8000-000000000001";

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public void Every_field_parses_at_the_microversion_that_allows_it()
    {
        var request = RebuildRequestParser.Parse(Json($$"""
            {"imageRef":"{{Image}}","name":"n","adminPass":"p","metadata":{"a":"b"},"preserve_ephemeral":true,"OS-DCF:diskConfig":"AUTO",
             "accessIPv4":"10.0.0.1","description":null,"key_name":null,"user_data":"aGk="}
            """), new ApiVersion(2, 57));

        Assert.Equal(Guid.Parse(Image), request.ImageRef);
        Assert.Equal(("n", "p", true, true), (request.Name, request.AdminPass, request.PreserveEphemeral, request.AutoDiskConfig!.Value));
        Assert.Equal("b", request.Metadata!["a"]);
        Assert.True(request.HasDescription && request.Description is null);
        Assert.True(request.HasKeyName && request.KeyName is null);
        Assert.Equal((true, "aGk="), (request.HasUserData, request.UserData));
        Assert.Equal((true, "10.0.0.1"), (request.HasAccessIpV4, request.AccessIpV4));
    }

    [Theory]
    [InlineData("""{"name":"n"}""", 93, "'imageRef' is a required property")]
    [InlineData("""{"imageRef":"x"}""", 1, "is not a 'uuid'")]
    [InlineData("""{"imageRef":"IMAGE","description":"d"}""", 18, "'description' was unexpected")]
    [InlineData("""{"imageRef":"IMAGE","key_name":"k"}""", 53, "'key_name' was unexpected")]
    [InlineData("""{"imageRef":"IMAGE","user_data":"aGk="}""", 56, "'user_data' was unexpected")]
    [InlineData("""{"imageRef":"IMAGE","personality":[]}""", 57, "'personality' was unexpected")]
    [InlineData("""{"imageRef":"IMAGE","user_data":"***"}""", 57, "is not a 'base64'")]
    [InlineData("""{"imageRef":"IMAGE","preserve_ephemeral":1}""", 1, "is not of type 'boolean'")]
    [InlineData("""{"imageRef":"IMAGE","metadata":{"a/b":"c"}}""", 1, "does not match")]
    [InlineData("""{"imageRef":"IMAGE","metadata":[]}""", 1, "is not of type 'object'")]
    [InlineData("""{"imageRef":"IMAGE","OS-DCF:diskConfig":"SOMETIMES"}""", 1, "is not one of ['AUTO', 'MANUAL']")]
    [InlineData("""{"imageRef":"IMAGE","accessIPv4":"1.2.3"}""", 1, "is not a 'ipv4'")]
    [InlineData("""{"imageRef":"IMAGE","name":" padded "}""", 1, "The name")]
    [InlineData("""["IMAGE"]""", 1, "is not of type 'object'")]
    public void Invalid_rebuilds_are_400_naming_the_problem(string body, int minor, string fragment)
    {
        var e = Assert.Throws<InvalidException>(() => RebuildRequestParser.Parse(Json(body.Replace("IMAGE", Image, StringComparison.Ordinal)), new ApiVersion(2, minor)));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void More_metadata_items_than_the_quota_is_403()
    {
        var items = string.Join(",", Enumerable.Range(0, 129).Select(i => $"\"k{i}\":\"v\""));
        Assert.Throws<OverQuotaException>(() => RebuildRequestParser.Parse(Json("{\"imageRef\":\"" + Image + "\",\"metadata\":{" + items + "}}"), ApiVersion.Min));
    }

    [Theory]
    [InlineData("{}", null)]
    [InlineData("""{"length":null}""", null)]
    [InlineData("""{"length":-1}""", null)]
    [InlineData("""{"length":"-1"}""", null)]
    [InlineData("""{"length":0}""", 0)]
    [InlineData("""{"length":"25"}""", 25)]
    [InlineData("""{"length":99999999999}""", int.MaxValue)]
    public void Console_output_lengths_parse_as_nova(string body, int? expected) =>
        Assert.Equal(expected, ConsoleOutputRequestParser.Parse(Json(body)));

    [Theory]
    [InlineData("""{"length":-2}""", "less than the minimum of -1")]
    [InlineData("""{"length":"-2"}""", "less than the minimum of -1")]
    [InlineData("""{"length":"ten"}""", "does not match")]
    [InlineData("""{"length":""}""", "does not match")]
    [InlineData("""{"length":2.5}""", "is not of type 'integer', 'string', 'null'")]
    [InlineData("""{"length":[1]}""", "is not of type 'integer', 'string', 'null'")]
    [InlineData("""{"length":1,"lines":2}""", "'lines' was unexpected")]
    [InlineData("null", "is not of type 'object'")]
    public void Invalid_console_output_lengths_are_400(string body, string fragment)
    {
        var e = Assert.Throws<InvalidException>(() => ConsoleOutputRequestParser.Parse(Json(body)));
        Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
    }
}
