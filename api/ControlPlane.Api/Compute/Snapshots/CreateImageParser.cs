using System.Text.Json;
using System.Text.RegularExpressions;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Text;

namespace ControlPlane.Api.Compute.Snapshots;

/// <summary>
/// Validates the value of a <c>createImage</c> action as Nova's schema does: an object with a required
/// <c>name</c> (string, 1-255, printable, no leading/trailing whitespace) and an optional <c>metadata</c>
/// object whose keys match <c>^[a-zA-Z0-9-_:. ]{1,255}$</c> and whose values are strings of at most 255;
/// no other member; at most 128 metadata items (Nova's metadata_items quota, 403).
/// </summary>
public static partial class CreateImageParser
{
    /// <summary>Nova's default metadata_items quota.</summary>
    public const int MaxMetadataItems = 128;

    /// <summary>Parses the value of the <c>createImage</c> key; 400 naming the field on bad input.</summary>
    public static CreateImageRequest Parse(JsonElement action)
    {
        if (action.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("createImage", action, $"{Render(action)} is not of type 'object'");
        }
        string? name = null;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var member in action.EnumerateObject())
        {
            switch (member.Name)
            {
                case "name":
                    name = ParseName(member.Value);
                    break;
                case "metadata":
                    ParseMetadata(member.Value, metadata);
                    break;
                default:
                    throw Invalid("createImage", action, $"Additional properties are not allowed ('{member.Name}' was unexpected)");
            }
        }
        if (name is null)
        {
            throw Invalid("createImage", action, "'name' is a required property");
        }
        if (metadata.Count > MaxMetadataItems)
        {
            throw new ForbiddenException($"Quota exceeded for metadata_items: Requested {metadata.Count}, but already used 0 of {MaxMetadataItems} metadata_items");
        }
        return new CreateImageRequest(name, metadata);
    }

    private static string ParseName(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Invalid("name", value, $"{Render(value)} is not of type 'string'");
        }
        var name = value.GetString()!;
        var length = name.EnumerateRunes().Count();
        if (length < 1)
        {
            throw Invalid("name", value, $"{Render(value)} is too short");
        }
        if (length > 255)
        {
            throw Invalid("name", value, $"{Render(value)} is too long");
        }
        if (TextRules.Problem(name, TextKind.Name) is { } problem)
        {
            throw Invalid("name", value, $"The name {problem}; it must be printable characters without leading or trailing whitespace");
        }
        return name;
    }

    private static void ParseMetadata(JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("metadata", value, $"{Render(value)} is not of type 'object'");
        }
        foreach (var item in value.EnumerateObject())
        {
            if (!MetadataKey().IsMatch(item.Name))
            {
                throw Invalid("metadata", value, $"Additional properties are not allowed ('{item.Name}' was unexpected)");
            }
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw Invalid("metadata/" + item.Name, item.Value, $"{Render(item.Value)} is not of type 'string'");
            }
            var text = item.Value.GetString()!;
            if (text.EnumerateRunes().Count() > 255)
            {
                throw Invalid("metadata/" + item.Name, item.Value, $"{Render(item.Value)} is too long");
            }
            metadata[item.Name] = text;
        }
    }

    private static InvalidException Invalid(string field, JsonElement value, string reason) =>
        new($"Invalid input for field/attribute {field}. Value: {Render(value)}. {reason}");

    private static string Render(JsonElement value)
    {
        var raw = value.ValueKind == JsonValueKind.String ? "'" + value.GetString() + "'" : value.GetRawText();
        return raw.Length <= 100 ? raw : raw[..100] + "...";
    }

    [GeneratedRegex("^[a-zA-Z0-9-_:. ]{1,255}$", RegexOptions.CultureInvariant)]
    private static partial Regex MetadataKey();
}
