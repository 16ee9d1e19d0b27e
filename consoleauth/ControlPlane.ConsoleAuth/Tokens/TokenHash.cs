using System.Security.Cryptography;
using System.Text;

namespace ControlPlane.ConsoleAuth.Tokens;

/// <summary>The only form a console token is kept in: the lowercase hex SHA-256 of its UTF-8 bytes (Nova's <c>token_hash</c>).</summary>
public static class TokenHash
{
    /// <summary>Hex SHA-256 of <paramref name="token"/>.</summary>
    public static string Of(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>A new random token: 32 bytes from the OS generator, base64url without padding (43 URL-safe characters).</summary>
    public static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
