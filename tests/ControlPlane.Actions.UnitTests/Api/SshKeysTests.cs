using System.Security.Cryptography;
using System.Text.Json;
using ControlPlane.Api.Compute.KeyPairs;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Actions.UnitTests.Api;

public sealed class SshKeysTests
{
    [Fact]
    public void Generated_pair_is_an_openssh_rsa_key_whose_private_half_matches()
    {
        var (publicKey, privateKey) = SshKeys.Generate();
        Assert.StartsWith("ssh-rsa AAAA", publicKey);
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", privateKey);
        var fingerprint = SshKeys.Validate(publicKey);
        Assert.Matches("^([0-9a-f]{2}:){15}[0-9a-f]{2}$", fingerprint);

        using var rsa = RSA.Create();
        rsa.ImportFromPem(privateKey);
        Assert.Equal(2048, rsa.KeySize);
        var blob = Convert.FromBase64String(publicKey.Split(' ')[1]);
        var modulus = rsa.ExportParameters(false).Modulus!;
        Assert.True(blob.AsSpan().IndexOf(modulus) > 0, "the public blob carries the private key's modulus");
    }

    [Fact]
    public void Fingerprint_is_md5_of_the_blob_as_nova()
    {
        byte[] blob = [0, 0, 0, 11, (byte)'s', (byte)'s', (byte)'h', (byte)'-', (byte)'e', (byte)'d', (byte)'2', (byte)'5', (byte)'5', (byte)'1', (byte)'9', 0, 0, 0, 32, .. Enumerable.Repeat((byte)7, 32)];
        var key = "ssh-ed25519 " + Convert.ToBase64String(blob) + " me@host";
        Assert.Equal(string.Join(':', MD5.HashData(blob).Select(b => b.ToString("x2"))), SshKeys.Validate(key));
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("ssh-rsa !!!notbase64")]
    [InlineData("ssh-rsa AAAAB3NzaC1lZDI1NTE5")]
    [InlineData("ssh-foo AAAA")]
    public void Bad_public_keys_are_400(string key) => Assert.Throws<InvalidException>(() => SshKeys.Validate(key));

    [Fact]
    public void Type_in_blob_must_match_the_declared_type()
    {
        var (publicKey, _) = SshKeys.Generate();
        var e = Assert.Throws<InvalidException>(() => SshKeys.Validate("ssh-ed25519 " + publicKey.Split(' ')[1]));
        Assert.Contains("does not match its type", e.Message);
    }

    [Theory]
    [InlineData("""{"keypair":{"name":"k1"}}""", "k1", null)]
    [InlineData("""{"keypair":{"name":"k-1_a.b","public_key":"ssh-rsa X"}}""", "k-1_a.b", "ssh-rsa X")]
    public void Request_parses(string body, string name, string? publicKey)
    {
        var r = KeyPairRequest.Parse(JsonDocument.Parse(body).RootElement, typeAllowed: false);
        Assert.Equal(name, r.Name);
        Assert.Equal(publicKey, r.PublicKey);
    }

    [Theory]
    [InlineData("""{"keypair":{}}""", false)]
    [InlineData("""{"keypair":{"name":"bad/name"}}""", false)]
    [InlineData("""{"keypair":{"name":" lead"}}""", false)]
    [InlineData("""{"keypair":{"name":"k","type":"ssh"}}""", false)]
    [InlineData("""{"keypair":{"name":"k","type":"x509"}}""", true)]
    [InlineData("""{"keypair":{"name":"k","extra":1}}""", true)]
    [InlineData("""{"name":"k"}""", true)]
    public void Bad_requests_are_400(string body, bool typeAllowed) =>
        Assert.Throws<InvalidException>(() => KeyPairRequest.Parse(JsonDocument.Parse(body).RootElement, typeAllowed));
}
