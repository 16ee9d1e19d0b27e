using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using ControlPlane.Api.Options;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Identity;

/// <summary>
/// Encodes tokens as <c>base64url(payload) "." base64url(HMAC-SHA256(key, payload))</c>, where the
/// payload is a compact binary record (version 1: token id, issued and expiry times in unix
/// microseconds, user id, project id, roles, methods). Decoding checks the signature in constant
/// time and the expiry against <see cref="TimeProvider"/>; revocation is the caller's check.
/// </summary>
public sealed class TokenCodec
{
    private const byte FormatVersion = 1;
    private const int MaxTokenLength = 4096;
    private readonly byte[] key;
    private readonly TimeProvider timeProvider;

    /// <summary>Creates the codec with the configured key.</summary>
    public TokenCodec(IOptions<IdentityOptions> options, TimeProvider timeProvider)
    {
        key = Encoding.UTF8.GetBytes(options.Value.TokenSigningKey);
        this.timeProvider = timeProvider;
    }

    /// <summary>The signed token string.</summary>
    public string Encode(TokenPayload payload)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(FormatVersion);
            writer.Write(Convert.FromHexString(payload.TokenId));
            writer.Write(ToMicros(payload.IssuedAt));
            writer.Write(ToMicros(payload.ExpiresAt));
            writer.Write(payload.UserId);
            writer.Write(payload.ProjectId);
            writer.Write((byte)payload.Roles.Count);
            foreach (var role in payload.Roles)
            {
                writer.Write(role);
            }
            writer.Write((byte)payload.Methods.Count);
            foreach (var method in payload.Methods)
            {
                writer.Write(method);
            }
        }
        var body = stream.ToArray();
        return Base64Url.EncodeToString(body) + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, body));
    }

    /// <summary>The payload of a valid, unexpired token, or <c>null</c> (bad format, bad signature, expired).</summary>
    public TokenPayload? Decode(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength)
        {
            return null;
        }
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == token.Length - 1)
        {
            return null;
        }
        byte[] body, signature;
        try
        {
            body = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
            signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return null;
        }
        if (!CryptographicOperations.FixedTimeEquals(HMACSHA256.HashData(key, body), signature))
        {
            return null;
        }
        var payload = Parse(body);
        return payload is not null && payload.ExpiresAt > timeProvider.GetUtcNow() ? payload : null;
    }

    private static TokenPayload? Parse(byte[] body)
    {
        try
        {
            using var reader = new BinaryReader(new MemoryStream(body), Encoding.UTF8);
            if (reader.ReadByte() != FormatVersion)
            {
                return null;
            }
            var id = Convert.ToHexStringLower(reader.ReadBytes(16));
            var issued = FromMicros(reader.ReadInt64());
            var expires = FromMicros(reader.ReadInt64());
            var user = reader.ReadString();
            var project = reader.ReadString();
            var roles = Enumerable.Range(0, reader.ReadByte()).Select(_ => reader.ReadString()).ToArray();
            var methods = Enumerable.Range(0, reader.ReadByte()).Select(_ => reader.ReadString()).ToArray();
            return new TokenPayload(id, user, project, roles, methods, issued, expires);
        }
        catch (EndOfStreamException)
        {
            return null;
        }
    }

    private static long ToMicros(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static DateTimeOffset FromMicros(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);
}
