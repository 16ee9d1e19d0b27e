using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ControlPlane.Api.Compute.KeyPairs;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Actions.UnitTests.Api;

/// <summary>Imported public keys are parsed completely (Nova loads them with cryptography): truncated or absurd keys are 400.</summary>
public sealed class SshKeyParsingTests
{
    [Fact]
    public void Sound_rsa_ed25519_and_ecdsa_keys_are_accepted()
    {
        SshKeys.Validate(SshKeys.Generate().PublicKey);
        SshKeys.Validate(Key("ssh-ed25519", Str(RandomNumberGenerator.GetBytes(32))));
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var q = ec.ExportParameters(false).Q;
        SshKeys.Validate(Key("ecdsa-sha2-nistp256", Str("nistp256"u8.ToArray()), Str([4, .. q.X!, .. q.Y!])));
    }

    [Fact]
    public void A_truncated_key_is_400()
    {
        var blob = Convert.FromBase64String(SshKeys.Generate().PublicKey.Split(' ')[1]);
        var e = Assert.Throws<InvalidException>(() => SshKeys.Validate("ssh-rsa " + Convert.ToBase64String(blob[..^10])));
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Trailing_bytes_are_400()
    {
        var blob = Convert.FromBase64String(SshKeys.Generate().PublicKey.Split(' ')[1]);
        var e = Assert.Throws<InvalidException>(() => SshKeys.Validate("ssh-rsa " + Convert.ToBase64String([.. blob, 1, 2, 3])));
        Assert.Contains("trailing", e.Message);
    }

    [Theory]
    [InlineData(3, 255)] // 8-bit modulus
    [InlineData(2, 0)] // even exponent with a sound modulus
    [InlineData(0, 0)] // zero exponent
    public void Absurd_rsa_numbers_are_400(int exponent, int modulus)
    {
        byte[] n = modulus == 0 ? [0, 0xC1, .. Enumerable.Repeat((byte)0xAB, 255)] : [0, (byte)modulus];
        byte[] e = exponent == 0 ? [] : [(byte)exponent];
        Assert.Throws<InvalidException>(() => SshKeys.Validate(Key("ssh-rsa", Str(e), Str(n))));
    }

    [Fact]
    public void Wrong_sized_ed25519_and_off_curve_ec_points_are_400()
    {
        Assert.Throws<InvalidException>(() => SshKeys.Validate(Key("ssh-ed25519", Str(new byte[31]))));
        Assert.Throws<InvalidException>(() => SshKeys.Validate(Key("ecdsa-sha2-nistp256", Str("nistp256"u8.ToArray()), Str([4, .. new byte[64]]))));
        Assert.Throws<InvalidException>(() => SshKeys.Validate(Key("ecdsa-sha2-nistp256", Str("nistp384"u8.ToArray()), Str([4, .. new byte[64]]))));
    }

    private static string Key(string type, params byte[][] fields) =>
        type + " " + Convert.ToBase64String([.. Str(Encoding.ASCII.GetBytes(type)), .. fields.SelectMany(f => f)]) + " test";

    private static byte[] Str(byte[] data)
    {
        var result = new byte[4 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(result, (uint)data.Length);
        data.CopyTo(result, 4);
        return result;
    }
}
