using System.Text.Json;
using ControlPlane.Api.Compute.Shelve;
using ControlPlane.Api.Microversions;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.UnitTests.Compute.Shelve;

/// <summary>The unshelve value per microversion: ignored below 2.77, availability_zone from 2.77, host from 2.91.</summary>
public sealed class UnshelveRequestParserTests
{
    private static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void Below_2_77_the_value_is_ignored() =>
        Assert.Equal(UnshelveRequest.Any, UnshelveRequestParser.Parse(Json("""{"availability_zone": "elsewhere"}"""), new ApiVersion(2, 76)));

    [Fact]
    public void From_2_77_an_availability_zone_is_taken_and_only_nova_exists()
    {
        Assert.Equal(new UnshelveRequest("nova", null), UnshelveRequestParser.Parse(Json("""{"availability_zone": "nova"}"""), new ApiVersion(2, 77)));
        Assert.Equal(UnshelveRequest.Any, UnshelveRequestParser.Parse(Json("null"), new ApiVersion(2, 77)));
        var e = Assert.Throws<InvalidException>(() => UnshelveRequestParser.Parse(Json("""{"availability_zone": "az9"}"""), new ApiVersion(2, 77)));
        Assert.Equal("The requested availability zone is not available", e.Message);
    }

    [Fact]
    public void A_host_before_2_91_or_an_unknown_field_is_400_naming_it()
    {
        var e = Assert.Throws<InvalidException>(() => UnshelveRequestParser.Parse(Json("""{"host": "h1"}"""), new ApiVersion(2, 90)));
        Assert.Contains("'host' was unexpected", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<InvalidException>(() => UnshelveRequestParser.Parse(Json("""{"zone": "nova"}"""), new ApiVersion(2, 91)));
        Assert.Contains("'zone' was unexpected", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidException>(() => UnshelveRequestParser.Parse(Json("[]"), new ApiVersion(2, 91)));
    }

    [Fact]
    public void From_2_91_a_host_is_taken_and_the_zone_may_be_null()
    {
        var request = UnshelveRequestParser.Parse(Json("""{"availability_zone": null, "host": "compute3"}"""), new ApiVersion(2, 91));

        Assert.Equal(new UnshelveRequest(null, "compute3"), request);
        Assert.True(request.Targets);
        Assert.Throws<InvalidException>(() => UnshelveRequestParser.Parse(Json("""{"host": "a b"}"""), new ApiVersion(2, 91)));
    }
}
