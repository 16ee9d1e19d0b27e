using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Text;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>Typed reads of request-body fields with Nova's validation messages (<c>Invalid input for field/attribute ...</c>).</summary>
public static class BodyFields
{
    /// <summary>Nova's schema-validation error for <paramref name="field"/>.</summary>
    public static InvalidException Invalid(string field, JsonElement value, string reason) =>
        new($"Invalid input for field/attribute {field}. Value: {Shorten(value.GetRawText())}. {reason}");

    /// <summary>The object under <paramref name="name"/> of the body root; 400 when missing or not an object.</summary>
    public static JsonElement RootObject(JsonElement root, string name)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidException($"Invalid input for field/attribute body. Value: {Shorten(root.GetRawText())}. {Shorten(root.GetRawText())} is not of type 'object'");
        }
        if (!root.TryGetProperty(name, out var inner))
        {
            throw new InvalidException($"Invalid input for field/attribute body. Value: {Shorten(root.GetRawText())}. '{name}' is a required property");
        }
        return inner.ValueKind == JsonValueKind.Object ? inner : throw Invalid(name, inner, $"{Shorten(inner.GetRawText())} is not of type 'object'");
    }

    /// <summary>400 for any property of <paramref name="obj"/> not in <paramref name="allowed"/>.</summary>
    public static void RejectUnknown(JsonElement obj, string field, IReadOnlySet<string> allowed)
    {
        var unknown = obj.EnumerateObject().Select(p => p.Name).Where(n => !allowed.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            throw Invalid(field, obj, $"Additional properties are not allowed ({string.Join(", ", unknown.Select(u => "'" + u + "'"))} {(unknown.Count == 1 ? "was" : "were")} unexpected)");
        }
    }

    /// <summary>A string of <paramref name="min"/>..<paramref name="max"/> characters.</summary>
    public static string String(JsonElement value, string field, int min, int max)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Invalid(field, value, $"{Shorten(value.GetRawText())} is not of type 'string'");
        }
        var s = value.GetString()!;
        if (s.Length < min)
        {
            throw Invalid(field, value, min == 1 ? $"'{s}' is too short" : $"'{s}' is shorter than {min} characters");
        }
        return s.Length > max ? throw Invalid(field, value, $"'{Shorten(s)}' is too long") : s;
    }

    /// <summary>A name: 1-255 printable characters without leading or trailing whitespace (Nova's <c>name</c> format).</summary>
    public static string Name(JsonElement value, string field)
    {
        var s = String(value, field, 1, 255);
        return TextRules.Problem(s, TextKind.Name) is { } problem
            ? throw Invalid(field, value, $"The name {problem}; it must be printable characters without leading or trailing whitespace")
            : s;
    }

    /// <summary>A description: 0-255 printable characters, whitespace allowed (Nova's <c>description</c> format).</summary>
    public static string Description(JsonElement value, string field)
    {
        var s = String(value, field, 0, 255);
        return TextRules.Problem(s, TextKind.Printable) is { } problem
            ? throw Invalid(field, value, $"The description {problem}; it must be printable characters")
            : s;
    }

    /// <summary>A boolean, also as Nova's accepted strings.</summary>
    public static bool Boolean(JsonElement value, string field)
    {
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            switch (value.GetString()!.ToLowerInvariant())
            {
                case "true" or "1" or "yes" or "on" or "t" or "y":
                    return true;
                case "false" or "0" or "no" or "off" or "f" or "n" or "":
                    return false;
            }
        }
        throw Invalid(field, value, $"{Shorten(value.GetRawText())} is not of type 'boolean'");
    }

    /// <summary>A positive integer given as a number or numeric string.</summary>
    public static int PositiveInteger(JsonElement value, string field)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 1)
        {
            return n;
        }
        if (value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out n) && n >= 1)
        {
            return n;
        }
        throw Invalid(field, value, $"{Shorten(value.GetRawText())} is not a positive integer");
    }

    /// <summary>An IP address of the given family, or the empty string (Nova allows "" to clear).</summary>
    public static string? Ip(JsonElement value, string field, AddressFamily family)
    {
        var s = String(value, field, 0, 64);
        if (s.Length == 0)
        {
            return null;
        }
        var strictV4 = family != AddressFamily.InterNetwork || System.Text.RegularExpressions.Regex.IsMatch(s, @"^\d{1,3}(\.\d{1,3}){3}$");
        // NOTE(api): stored in canonical form (compressed IPv6), as Nova's netaddr does; tempest compares it.
        return strictV4 && IPAddress.TryParse(s, out var ip) && ip.AddressFamily == family
            ? ip.ToString()
            : throw Invalid(field, value, $"'{s}' is not a '{(family == AddressFamily.InterNetwork ? "ipv4" : "ipv6")}'");
    }

    /// <summary>A string-to-string map with keys of 1-255 characters of Nova's key pattern and values of 0-255 characters.</summary>
    public static IReadOnlyDictionary<string, string> Metadata(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(field, value, $"{Shorten(value.GetRawText())} is not of type 'object'");
        }
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var p in value.EnumerateObject())
        {
            if (p.Name.Length is < 1 or > 255 || !p.Name.All(IsMetadataKeyChar))
            {
                throw Invalid(field, value, $"Metadata key '{Shorten(p.Name)}' does not match '^[a-zA-Z0-9-_:. ]{{1,255}}$'");
            }
            map[p.Name] = String(p.Value, field + "/" + p.Name, 0, 255);
        }
        return map;
    }

    /// <summary>Nova's metadata key pattern <c>^[a-zA-Z0-9-_:. ]{1,255}$</c>, one character.</summary>
    private static bool IsMetadataKeyChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '.' or ' ';

    /// <summary>Truncates long values in messages.</summary>
    public static string Shorten(string s) => s.Length <= 200 ? s : s[..200] + "...";
}
