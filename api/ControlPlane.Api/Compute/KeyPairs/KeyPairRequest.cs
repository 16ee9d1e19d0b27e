using System.Text.Json;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.KeyPairs;

/// <summary>A parsed <c>POST /os-keypairs</c> body: <c>{"keypair": {"name", "public_key"?, "type"? (2.2)}}</c>.</summary>
public sealed record KeyPairRequest(string Name, string? PublicKey)
{
    /// <summary>Parses and validates the body (Nova's schema: no other properties; name 1-255 of letters,
    /// digits, space, '.', '_', '-', '@', not starting or ending with a space; type only <c>ssh</c>).</summary>
    public static KeyPairRequest Parse(JsonElement root, bool typeAllowed)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("keypair", out var kp) || kp.ValueKind != JsonValueKind.Object
            || root.EnumerateObject().Count() != 1)
        {
            throw new InvalidException("Invalid input for field/attribute keypair. The body must be {\"keypair\": {...}}.");
        }
        string? name = null, publicKey = null;
        foreach (var p in kp.EnumerateObject())
        {
            switch (p.Name)
            {
                case "name":
                    name = String(p.Value, "name");
                    break;
                case "public_key":
                    publicKey = String(p.Value, "public_key");
                    break;
                case "type" when typeAllowed:
                    var type = String(p.Value, "type");
                    if (type != "ssh")
                    {
                        throw new InvalidException(type == "x509"
                            ? "x509 key pairs are not supported by this cloud."
                            : $"Invalid input for field/attribute type. Value: {Shorten(type)}. It is not one of ssh, x509.");
                    }
                    break;
                default:
                    throw new InvalidException($"Invalid input for field/attribute keypair. Additional properties are not allowed ('{Shorten(p.Name)}' was unexpected)");
            }
        }
        if (name is null)
        {
            throw new InvalidException("Invalid input for field/attribute keypair. 'name' is a required property");
        }
        if (name.Length is < 1 or > 255 || name.StartsWith(' ') || name.EndsWith(' ') || !name.All(IsNameChar))
        {
            throw new InvalidException("Keypair data is invalid: Keypair name contains unsafe characters");
        }
        return new KeyPairRequest(name, publicKey);
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '_' or '-' or '@';

    private static string String(JsonElement v, string field) => v.ValueKind == JsonValueKind.String
        ? v.GetString()!
        : throw new InvalidException($"Invalid input for field/attribute {field}. Value: {Shorten(v.GetRawText())}. It is not of type 'string'");

    private static string Shorten(string text) => text.Length <= 64 ? text : text[..64] + "...";
}
