namespace ControlPlane.Api.Identity;

/// <summary>
/// The key derivation behind password hashes (PBKDF2-HMAC-SHA256 in production). An interface so
/// tests can count and compare the work a check does (the timing-equalisation contract of
/// <see cref="PasswordHasher.Verify"/>) without measuring wall-clock time.
/// </summary>
public interface IPasswordKeyDerivation
{
    /// <summary>Derives <paramref name="length"/> bytes from <paramref name="password"/> and <paramref name="salt"/>.</summary>
    byte[] Derive(string password, byte[] salt, int iterations, int length);
}
