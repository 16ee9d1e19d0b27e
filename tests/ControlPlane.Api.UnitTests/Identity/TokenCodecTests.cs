using ControlPlane.Api.Identity;
using ControlPlane.Api.Options;
using Microsoft.Extensions.Time.Testing;

namespace ControlPlane.Api.UnitTests.Identity;

public sealed class TokenCodecTests
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    private TokenCodec Codec(string key = "0123456789abcdef0123456789abcdef") =>
        new(Microsoft.Extensions.Options.Options.Create(new IdentityOptions { TokenSigningKey = key }), time);

    private TokenPayload Payload(TimeSpan lifetime) => new(
        "00112233445566778899aabbccddeeff", "user-1", "project-1", ["member", "reader"], ["password"],
        time.GetUtcNow(), time.GetUtcNow() + lifetime);

    [Fact]
    public void Round_trips_every_field()
    {
        var payload = Payload(TimeSpan.FromHours(1));
        var decoded = Codec().Decode(Codec().Encode(payload));
        Assert.NotNull(decoded);
        Assert.Equal(payload.TokenId, decoded.TokenId);
        Assert.Equal(payload.UserId, decoded.UserId);
        Assert.Equal(payload.ProjectId, decoded.ProjectId);
        Assert.Equal(payload.Roles, decoded.Roles);
        Assert.Equal(payload.Methods, decoded.Methods);
        Assert.Equal(payload.IssuedAt, decoded.IssuedAt);
        Assert.Equal(payload.ExpiresAt, decoded.ExpiresAt);
    }

    [Fact]
    public void Expires_on_the_injected_clock()
    {
        var codec = Codec();
        var token = codec.Encode(Payload(TimeSpan.FromHours(1)));
        time.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(codec.Decode(token));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(codec.Decode(token));
    }

    [Fact]
    public void Rejects_a_token_signed_with_another_key()
    {
        var token = Codec("another-key-another-key-another-key!!").Encode(Payload(TimeSpan.FromHours(1)));
        Assert.Null(Codec().Decode(token));
    }

    [Fact]
    public void Rejects_a_tampered_payload()
    {
        var token = Codec().Encode(Payload(TimeSpan.FromHours(1)));
        var other = Codec().Encode(Payload(TimeSpan.FromHours(1)) with { UserId = "admin" });
        var forged = other.Split('.')[0] + "." + token.Split('.')[1];
        Assert.Null(Codec().Decode(forged));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("notused")]
    [InlineData("a.b")]
    [InlineData(".")]
    [InlineData("!!!.???")]
    public void Rejects_garbage(string? token) => Assert.Null(Codec().Decode(token));
}
