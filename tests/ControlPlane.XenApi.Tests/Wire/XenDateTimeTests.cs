using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Tests.Wire;

public sealed class XenDateTimeTests
{
    [Theory]
    [InlineData("20240131T12:34:56Z")]
    [InlineData("20240131T123456Z")]
    [InlineData("20240131T12:34:56")]
    [InlineData("2024-01-31T12:34:56Z")]
    [InlineData("2024-01-31T13:34:56+01:00")]
    [InlineData("20240131T12:34:56.000Z")]
    public void Parses_every_form_xapi_and_the_sdks_use(string text)
    {
        Assert.True(XenDateTime.TryParse(text, out var value));
        Assert.Equal(new DateTime(2024, 1, 31, 12, 34, 56, DateTimeKind.Utc), value);
        Assert.Equal(DateTimeKind.Utc, value.Kind);
    }

    [Fact]
    public void Formats_as_xapi_does() =>
        Assert.Equal("19700101T00:00:00Z", XenDateTime.Format(XenDateTime.Epoch));

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("20241399T00:00:00Z")]
    public void Rejects_garbage(string text) => Assert.False(XenDateTime.TryParse(text, out _));
}
