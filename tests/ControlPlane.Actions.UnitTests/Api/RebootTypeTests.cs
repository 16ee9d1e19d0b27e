using System.Text.Json;
using ControlPlane.Api.Compute.Power;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Actions.UnitTests.Api;

public sealed class RebootTypeTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Theory]
    [InlineData("""{"type":"HARD"}""", true)]
    [InlineData("""{"type":"hard"}""", true)]
    [InlineData("""{"type":"SOFT"}""", false)]
    [InlineData("""{"type":"Soft"}""", false)]
    public void Valid_types_parse(string body, bool hard) => Assert.Equal(hard, RebootAction.ParseRebootType(Json(body)));

    [Theory]
    [InlineData("""{}""", "'type' is a required property")]
    [InlineData("""{"type":"WARM"}""", "WARM")]
    [InlineData("""{"type":1}""", "It is not one of SOFT, HARD")]
    [InlineData("""{"type":"SOFT","x":1}""", "'x' was unexpected")]
    [InlineData("""null""", "must be an object")]
    public void Invalid_bodies_are_400_naming_the_problem(string body, string fragment)
    {
        var e = Assert.Throws<InvalidException>(() => RebootAction.ParseRebootType(Json(body)));
        Assert.Contains(fragment, e.Message);
    }
}
