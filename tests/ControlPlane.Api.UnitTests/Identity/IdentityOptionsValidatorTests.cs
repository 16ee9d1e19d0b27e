using ControlPlane.Api.Options;

namespace ControlPlane.Api.UnitTests.Identity;

public sealed class IdentityOptionsValidatorTests
{
    [Theory]
    [InlineData("", false)]
    [InlineData("short", false)]
    [InlineData("0123456789abcdef0123456789abcde", false)]
    [InlineData("0123456789abcdef0123456789abcdef", true)]
    public void Signing_key_needs_32_bytes(string key, bool valid)
    {
        var result = new IdentityOptionsValidator().Validate(null, new IdentityOptions { TokenSigningKey = key });
        Assert.Equal(valid, result.Succeeded);
        if (!valid)
        {
            Assert.Contains("Identity__TokenSigningKey", result.FailureMessage);
        }
    }

    [Fact]
    public void Weak_iteration_counts_are_refused()
    {
        var result = new IdentityOptionsValidator().Validate(null, new IdentityOptions { TokenSigningKey = new string('k', 32), PasswordIterations = 1000 });
        Assert.False(result.Succeeded);
    }
}
