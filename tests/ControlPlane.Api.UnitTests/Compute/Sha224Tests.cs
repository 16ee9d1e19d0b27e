using System.Text;
using ControlPlane.Api.Compute.Servers;

namespace ControlPlane.Api.UnitTests.Compute;

public sealed class Sha224Tests
{
    [Theory]
    [InlineData("", "d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f")]
    [InlineData("abc", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7")]
    [InlineData("p1host1", "4a619b6f283c9bde622de1daf53a68c016813525d84227419b69d671")]
    public void Matches_known_digests(string input, string expected) =>
        Assert.Equal(expected, Convert.ToHexStringLower(Sha224.Hash(Encoding.UTF8.GetBytes(input))));

    [Fact]
    public void Handles_inputs_spanning_several_blocks() =>
        Assert.Equal("2559984fd15e055f0d84c346483508242f02653ab7956401e551511c",
            Convert.ToHexStringLower(Sha224.Hash(Encoding.UTF8.GetBytes(new string('a', 200)))));
}
