using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.KeyPairs;

/// <summary>
/// OpenSSH public keys: generation of RSA 2048 pairs, validation of imported public keys (hostile input:
/// the key type must be known, the base64 blob must decode, name the same type and parse completely as
/// that type (<see cref="SshKeyBlob"/>), sizes are bounded),
/// and Nova's fingerprint (MD5 of the key blob, colon-separated hex).
/// </summary>
public static class SshKeys
{
    /// <summary>Longest public key accepted (OpenSSH keys of 16384-bit RSA are about 2.8 KB).</summary>
    public const int MaxPublicKeyLength = 8192;

    private static readonly HashSet<string> KnownTypes =
    [
        "ssh-rsa", "ssh-ed25519", "ssh-dss", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    ];

    /// <summary>A new RSA 2048 pair: the OpenSSH public key and the PKCS#1 PEM private key.</summary>
    public static (string PublicKey, string PrivateKeyPem) Generate()
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(includePrivateParameters: false);
        using var blob = new MemoryStream();
        WriteString(blob, Encoding.ASCII.GetBytes("ssh-rsa"));
        WriteMpint(blob, p.Exponent!);
        WriteMpint(blob, p.Modulus!);
        var publicKey = "ssh-rsa " + Convert.ToBase64String(blob.ToArray()) + " Generated-by-ControlPlane";
        return (publicKey, new string(PemEncoding.Write("RSA PRIVATE KEY", rsa.ExportRSAPrivateKey())) + "\n");
    }

    /// <summary>Validates an OpenSSH public key line and returns its fingerprint; 400 naming the problem otherwise.</summary>
    public static string Validate(string publicKey)
    {
        var blob = Blob(publicKey);
        return Fingerprint(blob);
    }

    /// <summary>Nova's fingerprint of a public key line already validated.</summary>
    public static string FingerprintOf(string publicKey) => Fingerprint(Blob(publicKey));

    private static byte[] Blob(string publicKey)
    {
        if (publicKey.Length > MaxPublicKeyLength)
        {
            throw Invalid("the public key is too long");
        }
        var parts = publicKey.Trim().Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2 || !KnownTypes.Contains(parts[0]))
        {
            throw Invalid("the public key is not an OpenSSH public key of a known type");
        }
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(parts[1]);
        }
        catch (FormatException)
        {
            throw Invalid("the public key's data is not valid base64");
        }
        if (blob.Length < 4)
        {
            throw Invalid("the public key's data is truncated");
        }
        var length = BinaryPrimitives.ReadUInt32BigEndian(blob);
        if (length > blob.Length - 4 || Encoding.ASCII.GetString(blob, 4, (int)length) != parts[0])
        {
            throw Invalid("the public key's data does not match its type");
        }
        if (blob.Length == 4 + length)
        {
            throw Invalid("the public key carries no key material");
        }
        return SshKeyBlob.Problem(parts[0], blob) is { } problem ? throw Invalid(problem) : blob;
    }

    private static string Fingerprint(byte[] blob) =>
        string.Join(':', MD5.HashData(blob).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));

    private static InvalidException Invalid(string why) => new($"Keypair data is invalid: failed to generate fingerprint ({why})");

    private static void WriteString(Stream s, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(len, (uint)data.Length);
        s.Write(len);
        s.Write(data);
    }

    private static void WriteMpint(Stream s, byte[] unsignedBigEndian)
    {
        var start = 0;
        while (start < unsignedBigEndian.Length - 1 && unsignedBigEndian[start] == 0)
        {
            start++;
        }
        var value = unsignedBigEndian[start..];
        WriteString(s, (value[0] & 0x80) != 0 ? [0, .. value] : value);
    }
}
