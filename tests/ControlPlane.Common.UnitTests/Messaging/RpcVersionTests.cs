using ControlPlane.Messaging.Wire;

namespace ControlPlane.Common.UnitTests.Messaging;

public sealed class RpcVersionTests
{
    [Theory]
    [InlineData("1.4", "1.0", true)]
    [InlineData("1.4", "1.4", true)]
    [InlineData("1.4", "1.5", false)]
    [InlineData("1.4", "2.0", false)]
    [InlineData("2.0", "1.9", false)]
    [InlineData("1.10", "1.9", true)]
    [InlineData("1.9", "1.10", false)]
    [InlineData("0.1", "0.0", true)]
    public void A_receiver_handles_its_own_major_up_to_its_minor(string implemented, string sent, bool expected)
    {
        Assert.Equal(expected, RpcVersion.Parse(implemented).CanHandle(RpcVersion.Parse(sent)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("1.")]
    [InlineData(".1")]
    [InlineData("1.2.3")]
    [InlineData("-1.0")]
    [InlineData("+1.0")]
    [InlineData(" 1.0")]
    [InlineData("1.0 ")]
    [InlineData("a.b")]
    [InlineData("99999999999.0")]
    public void Anything_but_two_decimal_numbers_is_not_a_version(string? value)
    {
        Assert.False(RpcVersion.TryParse(value, out _));
    }

    [Fact]
    public void A_version_prints_as_it_parses()
    {
        Assert.Equal(new RpcVersion(1, 12), RpcVersion.Parse("1.12"));
        Assert.Equal("1.12", new RpcVersion(1, 12).ToString());
        Assert.Throws<FormatException>(() => RpcVersion.Parse("x"));
    }

    [Fact]
    public void The_version_error_crosses_the_wire_as_itself()
    {
        var sent = new RpcVersionException("compute.h1", "controlplane.rpc.v1.StopInstance", "2.0", new RpcVersion(1, 4));

        var received = RpcError.Parse(RpcError.FromException(sent).ToBytes()).ToException();

        var typed = Assert.IsType<RpcVersionException>(received);
        Assert.Equal(sent.Message, typed.Message);
        Assert.Contains("implements 1.4", typed.Message);
        Assert.Equal(500, typed.HttpStatus);
    }
}
