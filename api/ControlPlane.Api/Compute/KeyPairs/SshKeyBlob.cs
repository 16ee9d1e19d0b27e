using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace ControlPlane.Api.Compute.KeyPairs;

/// <summary>
/// Parses the whole wire blob of an OpenSSH public key (RFC 4253 / 5656 / 8709 and OpenSSH's sk- keys), as
/// Nova does through <c>cryptography.load_ssh_public_key</c>: every field of the key type present, nothing
/// after them, integers positive and minimally encoded, RSA moduli of 1024-16384 bits with an odd exponent,
/// Ed25519 keys of 32 bytes, EC points on the named curve. Returns null when sound, else the reason.
/// </summary>
internal static class SshKeyBlob
{
    /// <summary>The reason <paramref name="blob"/> (whose type string was already read as <paramref name="type"/>) is unsound; null when sound.</summary>
    public static string? Problem(string type, byte[] blob)
    {
        var reader = new Reader(blob);
        try
        {
            reader.String(); // the type, already checked by the caller
            var problem = type switch
            {
                "ssh-rsa" => Rsa(ref reader),
                "ssh-dss" => Dss(ref reader),
                "ssh-ed25519" => Ed25519(ref reader),
                "sk-ssh-ed25519@openssh.com" => Ed25519(ref reader) ?? Application(ref reader),
                "ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384" or "ecdsa-sha2-nistp521" => Ecdsa(ref reader, type["ecdsa-sha2-".Length..]),
                "sk-ecdsa-sha2-nistp256@openssh.com" => Ecdsa(ref reader, "nistp256") ?? Application(ref reader),
                _ => "the key type is not supported",
            };
            return problem ?? (reader.AtEnd ? null : "the public key's data has trailing bytes");
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    private static string? Rsa(ref Reader reader)
    {
        var e = reader.Mpint();
        var n = reader.Mpint();
        var bits = n.GetBitLength();
        if (bits is < 1024 or > 16384)
        {
            return $"an RSA modulus of {bits} bits (1024 to 16384 accepted)";
        }
        return e < 3 || e.IsEven || e >= n || n.IsEven ? "the RSA exponent or modulus is not valid" : null;
    }

    private static string? Dss(ref Reader reader)
    {
        var p = reader.Mpint();
        var q = reader.Mpint();
        var g = reader.Mpint();
        var y = reader.Mpint();
        return p.GetBitLength() is < 1024 or > 3072 || q.GetBitLength() is not (160 or 224 or 256)
            || g <= 1 || g >= p || y <= 1 || y >= p
            ? "the DSA parameters are not valid"
            : null;
    }

    private static string? Ed25519(ref Reader reader) =>
        reader.String().Length == 32 ? null : "an Ed25519 key must be 32 bytes";

    private static string? Application(ref Reader reader) =>
        reader.String().Length is > 0 and <= 1024 ? null : "the security key's application is empty or too long";

    private static string? Ecdsa(ref Reader reader, string curveName)
    {
        if (Encoding.ASCII.GetString(reader.String()) != curveName)
        {
            return "the EC curve does not match the key type";
        }
        var (curve, size) = curveName switch
        {
            "nistp256" => (ECCurve.NamedCurves.nistP256, 32),
            "nistp384" => (ECCurve.NamedCurves.nistP384, 48),
            _ => (ECCurve.NamedCurves.nistP521, 66),
        };
        var point = reader.String();
        if (point.Length != 1 + (2 * size) || point[0] != 4)
        {
            return "the EC point is not an uncompressed point of the curve";
        }
        try
        {
            using var ec = ECDsa.Create();
            ec.ImportParameters(new ECParameters { Curve = curve, Q = new ECPoint { X = point[1..(1 + size)], Y = point[(1 + size)..] } });
            return null;
        }
        catch (CryptographicException)
        {
            return "the EC point is not on the curve";
        }
    }

    private ref struct Reader(byte[] blob)
    {
        private int position;

        public readonly bool AtEnd => position == blob.Length;

        public byte[] String()
        {
            if (blob.Length - position < 4)
            {
                throw new FormatException("the public key's data is truncated");
            }
            var length = BinaryPrimitives.ReadUInt32BigEndian(blob.AsSpan(position));
            if (length > blob.Length - position - 4)
            {
                throw new FormatException("the public key's data is truncated");
            }
            var value = blob.AsSpan(position + 4, (int)length).ToArray();
            position += 4 + (int)length;
            return value;
        }

        public BigInteger Mpint()
        {
            var bytes = String();
            if (bytes.Length == 0 || (bytes[0] & 0x80) != 0 || (bytes[0] == 0 && (bytes.Length == 1 || (bytes[1] & 0x80) == 0)))
            {
                throw new FormatException("an integer of the public key is zero, negative or not minimally encoded");
            }
            return new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        }
    }
}
