using ControlPlane.Api.Identity;
using ControlPlane.Api.Options;

namespace ControlPlane.Api.UnitTests.Identity;

public sealed class PasswordHasherTests
{
    private readonly PasswordHasher hasher = new(Microsoft.Extensions.Options.Options.Create(new IdentityOptions()));

    [Fact]
    public void Verifies_the_right_password_only()
    {
        var hash = hasher.Hash("secret");
        Assert.StartsWith("pbkdf2-sha256$210000$", hash);
        Assert.True(hasher.Verify("secret", hash));
        Assert.False(hasher.Verify("Secret", hash));
        Assert.False(hasher.Verify("", hash));
    }

    [Fact]
    public void Salts_each_hash()
    {
        Assert.NotEqual(hasher.Hash("secret"), hasher.Hash("secret"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain")]
    [InlineData("md5$1$abc$def")]
    [InlineData("pbkdf2-sha256$x$abc$def")]
    [InlineData("pbkdf2-sha256$1000$***$def")]
    public void Malformed_hashes_never_verify(string stored) => Assert.False(hasher.Verify("secret", stored));
}
