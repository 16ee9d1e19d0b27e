using ControlPlane.Api.Microversions;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.UnitTests.Microversions;

public sealed class MicroversionNegotiatorTests
{
    [Theory]
    [InlineData(null, null, "2.1")]
    [InlineData("", "", "2.1")]
    [InlineData("compute 2.47", null, "2.47")]
    [InlineData(null, "2.19", "2.19")]
    [InlineData("compute 2.60", "2.19", "2.60")]
    [InlineData("volume 3.5", "2.19", "2.19")]
    [InlineData("volume 3.5, compute 2.25", null, "2.25")]
    [InlineData("compute latest", null, "2.93")]
    [InlineData(null, "latest", "2.93")]
    [InlineData("COMPUTE 2.3", null, "2.3")]
    public void Picks_the_requested_version(string? standard, string? legacy, string expected) =>
        Assert.Equal(expected, MicroversionNegotiator.Negotiate(standard, legacy).ToString());

    [Theory]
    [InlineData("2.0")]
    [InlineData("3.0")]
    [InlineData("2.94")]
    [InlineData("2.999")]
    [InlineData("1.1")]
    public void Out_of_range_is_406_with_novas_message(string version)
    {
        var e = Assert.Throws<NotAcceptableException>(() => MicroversionNegotiator.Negotiate("compute " + version, version));
        Assert.Equal($"Version {version} is not supported by the API. Minimum is 2.1 and maximum is 2.93.", e.Message);
        Assert.Equal(406, e.HttpStatus);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("2")]
    [InlineData("2.1.1")]
    [InlineData("-2.1")]
    [InlineData("2.x")]
    [InlineData("2. 1")]
    public void Malformed_is_400(string version)
    {
        var e = Assert.Throws<InvalidException>(() => MicroversionNegotiator.Negotiate(null, version));
        Assert.Contains("is of invalid format", e.Message);
    }

    [Fact]
    public void Versions_order_numerically_not_lexically()
    {
        Assert.True(new ApiVersion(2, 10) > new ApiVersion(2, 9));
        Assert.True(new ApiVersion(2, 47).AtLeast(47));
        Assert.False(new ApiVersion(2, 46).AtLeast(47));
    }
}
