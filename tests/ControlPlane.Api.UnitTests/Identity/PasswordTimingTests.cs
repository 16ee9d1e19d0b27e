using ControlPlane.Api.Identity;
using ControlPlane.Api.Options;

namespace ControlPlane.Api.UnitTests.Identity;

/// <summary>
/// The timing-equalisation contract of <see cref="PasswordHasher.Verify"/>, checked by counting the
/// work instead of timing it: an unknown user, a disabled user (no hash), a malformed hash and a
/// wrong password for a real user each cost exactly one key derivation of the same strength.
/// </summary>
public sealed class PasswordTimingTests
{
    private const int Iterations = 200_000;
    private readonly RecordingDerivation derivation = new();
    private readonly PasswordHasher hasher;

    public PasswordTimingTests()
    {
        hasher = new PasswordHasher(Microsoft.Extensions.Options.Options.Create(new IdentityOptions { PasswordIterations = Iterations }), derivation);
    }

    public static TheoryData<string?> UnusableHashes => new() { null, "", "plain", "pbkdf2-sha256$x$abc$def", "pbkdf2-sha256$1000$***$def" };

    [Theory]
    [MemberData(nameof(UnusableHashes))]
    public void Checking_without_a_usable_hash_costs_what_a_wrong_password_costs(string? stored)
    {
        var realHash = hasher.Hash("right");
        hasher.Warm();
        derivation.Calls.Clear();

        Assert.False(hasher.Verify("wrong", realHash));
        var wrongPassword = Assert.Single(derivation.Calls);
        derivation.Calls.Clear();

        Assert.False(hasher.Verify("wrong", stored));
        var noUser = Assert.Single(derivation.Calls);

        Assert.Equal(wrongPassword.Iterations, noUser.Iterations);
        Assert.Equal(wrongPassword.Length, noUser.Length);
        Assert.Equal(wrongPassword.SaltLength, noUser.SaltLength);
        Assert.Equal(Iterations, noUser.Iterations);
    }

    [Fact]
    public void The_dummy_hash_is_made_once_and_never_matches()
    {
        Assert.False(hasher.Verify("", null));
        Assert.False(hasher.Verify("anything", null));
        // One derivation makes the dummy, then one per check.
        Assert.Equal(3, derivation.Calls.Count);
    }

    [Fact]
    public void The_right_password_still_verifies_with_one_derivation()
    {
        var hash = hasher.Hash("right");
        derivation.Calls.Clear();
        Assert.True(hasher.Verify("right", hash));
        Assert.Single(derivation.Calls);
    }

    private sealed class RecordingDerivation : IPasswordKeyDerivation
    {
        public List<(int Iterations, int Length, int SaltLength)> Calls { get; } = [];

        public byte[] Derive(string password, byte[] salt, int iterations, int length)
        {
            Calls.Add((iterations, length, salt.Length));
            // Cheap and deterministic: what is compared here is the work requested, not the result.
            var bytes = new byte[length];
            System.Text.Encoding.UTF8.GetBytes(password + Convert.ToBase64String(salt)).AsSpan(0, Math.Min(length, password.Length + 4)).CopyTo(bytes);
            return bytes;
        }
    }
}
