using System.Globalization;
using System.Security.Cryptography;
using ControlPlane.Api.Options;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Identity;

/// <summary>
/// PBKDF2-HMAC-SHA256 password hashes with a random 16-byte salt per user, stored as
/// <c>pbkdf2-sha256$&lt;iterations&gt;$&lt;salt b64&gt;$&lt;hash b64&gt;</c>. Verification is constant-time
/// and costs the same whether or not there is a usable hash: with none (unknown or disabled user,
/// malformed hash) the password is checked against a dummy hash of the configured strength, so
/// the answer time does not tell which user names exist.
/// </summary>
public sealed class PasswordHasher
{
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private readonly IOptions<IdentityOptions> options;
    private readonly IPasswordKeyDerivation derivation;
    private readonly Lazy<(int Iterations, byte[] Salt, byte[] Hash)> dummy;

    /// <summary>A hasher using PBKDF2.</summary>
    public PasswordHasher(IOptions<IdentityOptions> options)
        : this(options, Pbkdf2KeyDerivation.Instance)
    {
    }

    /// <summary>A hasher using <paramref name="derivation"/>.</summary>
    public PasswordHasher(IOptions<IdentityOptions> options, IPasswordKeyDerivation derivation)
    {
        this.options = options;
        this.derivation = derivation;
        dummy = new(() =>
        {
            var salt = RandomNumberGenerator.GetBytes(SaltBytes);
            // The dummy's password is random and thrown away: nothing can ever match it.
            var iterations = options.Value.PasswordIterations;
            return (iterations, salt, derivation.Derive(Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), salt, iterations, HashBytes));
        });
    }

    /// <summary>A new hash of <paramref name="password"/>.</summary>
    public string Hash(string password)
    {
        var iterations = options.Value.PasswordIterations;
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = derivation.Derive(password, salt, iterations, HashBytes);
        return string.Join('$', Scheme, iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>
    /// True when <paramref name="password"/> matches <paramref name="stored"/>. With no usable hash
    /// (<c>null</c> for an unknown or disabled user, or a malformed one) the same derivation is run
    /// against the dummy hash and the answer is false.
    /// </summary>
    public bool Verify(string password, string? stored)
    {
        var usable = TryParse(stored, out var iterations, out var salt, out var expected);
        if (!usable)
        {
            (iterations, salt, expected) = dummy.Value;
        }
        var actual = derivation.Derive(password, salt, iterations, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected) && usable;
    }

    /// <summary>Computes the dummy hash now, so the first unknown-user check is not slower than later ones.</summary>
    public void Warm() => _ = dummy.Value;

    private static bool TryParse(string? stored, out int iterations, out byte[] salt, out byte[] expected)
    {
        iterations = 0;
        salt = expected = [];
        var parts = stored?.Split('$');
        if (parts is not { Length: 4 } || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 1)
        {
            return false;
        }
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }
        return expected.Length > 0;
    }
}
