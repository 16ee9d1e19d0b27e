using System.Security.Cryptography;
using System.Text;

namespace ControlPlane.Api.Identity;

/// <summary>PBKDF2-HMAC-SHA256 over the UTF-8 bytes of the password.</summary>
public sealed class Pbkdf2KeyDerivation : IPasswordKeyDerivation
{
    /// <summary>The shared instance (stateless).</summary>
    public static readonly Pbkdf2KeyDerivation Instance = new();

    /// <inheritdoc />
    public byte[] Derive(string password, byte[] salt, int iterations, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, length);
}
