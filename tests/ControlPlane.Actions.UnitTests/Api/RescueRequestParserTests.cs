using System.Text.Json;
using ControlPlane.Api.Compute.Rescue;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Actions.UnitTests.Api;

public sealed class RescueRequestParserTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Fact]
    public void Null_and_an_empty_object_ask_for_the_defaults() =>
        Assert.Equal([new RescueRequest(null, null), new RescueRequest(null, null)], [RescueRequestParser.Parse(Json("null")), RescueRequestParser.Parse(Json("{}"))]);

    [Fact]
    public void Both_fields_parse()
    {
        var image = Guid.NewGuid();

        var request = RescueRequestParser.Parse(Json($$"""{"adminPass":"s3cret","rescue_image_ref":"{{image}}"}"""));

        Assert.Equal(new RescueRequest("s3cret", image), request);
    }

    [Theory]
    [InlineData("""{"rescue_image_ref":"cirros"}""", "is not a 'uuid'")]
    [InlineData("""{"rescue_image_ref":7}""", "is not of type 'string'")]
    [InlineData("""{"adminPass":1}""", "adminPass")]
    [InlineData("""{"adminPass":"x","bogus":1}""", "'bogus' was unexpected")]
    [InlineData("""[1]""", "is not of type 'object', 'null'")]
    public void Invalid_bodies_are_400_naming_the_problem(string body, string fragment)
    {
        var e = Assert.Throws<InvalidException>(() => RescueRequestParser.Parse(Json(body)));
        Assert.Contains(fragment, e.Message);
    }
}
