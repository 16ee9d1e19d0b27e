using System.Security.Cryptography;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>Random admin passwords (Nova's <c>generate_password</c>: 12 characters, unambiguous alphabet).</summary>
public static class AdminPasswords
{
    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /// <summary>A new password.</summary>
    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, 12);
}
