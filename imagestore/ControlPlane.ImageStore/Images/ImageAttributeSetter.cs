using System.Text.Json;
using System.Text.RegularExpressions;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Text;

namespace ControlPlane.ImageStore.Images;

/// <summary>
/// Sets one attribute of an image from a JSON value, with Glance's schema checks (type, enum,
/// length, range) and its policy checks (read-only and reserved attributes, admin-only values).
/// Used by create and by both PATCH media types, so both validate identically.
/// </summary>
public static partial class ImageAttributeSetter
{
    /// <summary>Fails with 403 when <paramref name="name"/> may never be set by a client.</summary>
    public static void EnsureWritable(string name)
    {
        if (ImageAttributeRules.ReadOnly.Contains(name))
        {
            throw new ForbiddenException($"Attribute '{name}' is read-only.");
        }
        if (ImageAttributeRules.IsReserved(name))
        {
            throw new ForbiddenException($"Attribute '{name}' is reserved.");
        }
    }

    /// <summary>Sets <paramref name="name"/> on <paramref name="image"/> to <paramref name="value"/>.</summary>
    public static void Set(Image image, string name, JsonElement value, ImageCaller caller)
    {
        EnsureWritable(name);
        switch (name)
        {
            case "name":
                image.Name = NullableString(name, value) is { } imageName ? TextRules.Require(imageName, name, TextKind.Printable) : null;
                break;
            case "visibility":
                var visibility = RequiredString(name, value);
                if (!ImageVisibility.Values.Contains(visibility))
                {
                    throw new InvalidException($"Invalid visibility value: {visibility}");
                }
                if (visibility == ImageVisibility.Public && !caller.IsAdmin && image.Visibility != ImageVisibility.Public)
                {
                    throw new ForbiddenException("You are not authorized to set the visibility of an image to 'public'.");
                }
                image.Visibility = visibility;
                break;
            case "protected":
                image.Protected = Boolean(name, value);
                break;
            case "os_hidden":
                image.OsHidden = Boolean(name, value);
                break;
            case "min_ram":
                image.MinRam = NonNegativeInt(name, value);
                break;
            case "min_disk":
                image.MinDisk = NonNegativeInt(name, value);
                break;
            case "owner":
                var owner = NullableString(name, value) ?? caller.ProjectId;
                if (owner != image.Owner && !caller.IsAdmin)
                {
                    throw new ForbiddenException("Only an admin may change the owner of an image.");
                }
                image.Owner = owner;
                break;
            case "container_format":
                image.ContainerFormat = Format(name, value, ImageFormats.Container, image);
                break;
            case "disk_format":
                image.DiskFormat = Format(name, value, ImageFormats.Disk, image);
                break;
            case "tags":
                image.Tags = Tags(value);
                break;
            default:
                SetProperty(image, name, value);
                break;
        }
    }

    /// <summary>Whether <paramref name="image"/> currently has attribute or extra property <paramref name="name"/>.</summary>
    public static bool Has(Image image, string name) =>
        ImageAttributeRules.Core.Contains(name) || image.Properties.ContainsKey(name);

    private static void SetProperty(Image image, string name, JsonElement value)
    {
        if (name.Length is 0 or > ImageAttributeRules.MaxStringLength)
        {
            throw new InvalidException($"Property name '{name}' must be 1 to {ImageAttributeRules.MaxStringLength} characters.");
        }
        if (value.ValueKind == JsonValueKind.Null && ImageAttributeRules.NullableProperties.Contains(name))
        {
            image.Properties.Remove(name);
            return;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            throw new InvalidException($"Provided object does not match schema 'image': {value.GetRawText()} is not of type 'string' (property '{name}').");
        }
        var text = value.GetString()!;
        if (ImageAttributeRules.NullableProperties.Contains(name) && !UuidPattern().IsMatch(text))
        {
            throw new InvalidException($"Property '{name}' must be a UUID.");
        }
        if (text.Length > ImageAttributeRules.MaxPropertyValueLength)
        {
            throw new InvalidException($"Property '{name}' is longer than {ImageAttributeRules.MaxPropertyValueLength} characters.");
        }
        if (!image.Properties.ContainsKey(name) && image.Properties.Count >= ImageAttributeRules.MaxProperties)
        {
            throw new PayloadTooLargeException($"Attempted: {image.Properties.Count + 1}, Maximum: {ImageAttributeRules.MaxProperties} image properties.");
        }
        image.Properties[name] = text;
    }

    private static string? Format(string name, JsonElement value, IReadOnlySet<string> allowed, Image image)
    {
        var format = NullableString(name, value);
        if (format is not null && !allowed.Contains(format))
        {
            throw new InvalidException($"Invalid value '{format}' for {name}; allowed: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}.");
        }
        var current = name == "container_format" ? image.ContainerFormat : image.DiskFormat;
        if (format != current && image.Status != ImageStatus.Queued)
        {
            throw new ForbiddenException($"Attribute {name} can be only replaced for a queued image.");
        }
        return format;
    }

    private static List<string> Tags(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidException("Attribute 'tags' must be an array of strings.");
        }
        var tags = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new InvalidException("Attribute 'tags' must be an array of strings.");
            }
            var tag = TextRules.Require(item.GetString()!, "tags", TextKind.Printable);
            if (tag.Length > ImageAttributeRules.MaxStringLength)
            {
                throw new InvalidException($"Tag is longer than {ImageAttributeRules.MaxStringLength} characters.");
            }
            if (!tags.Contains(tag, StringComparer.Ordinal))
            {
                tags.Add(tag);
            }
        }
        if (tags.Count > ImageAttributeRules.MaxTags)
        {
            throw new PayloadTooLargeException($"Attempted: {tags.Count}, Maximum: {ImageAttributeRules.MaxTags} image tags.");
        }
        return tags;
    }

    private static string? NullableString(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String when value.GetString()!.Length <= ImageAttributeRules.MaxStringLength => value.GetString(),
        JsonValueKind.String => throw new InvalidException($"Attribute '{name}' is longer than {ImageAttributeRules.MaxStringLength} characters."),
        _ => throw new InvalidException($"Attribute '{name}' must be a string or null."),
    };

    private static string RequiredString(string name, JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString()! : throw new InvalidException($"Attribute '{name}' must be a string.");

    private static bool Boolean(string name, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new InvalidException($"Attribute '{name}' must be a boolean."),
    };

    private static int NonNegativeInt(string name, JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= 0
            ? n
            : throw new InvalidException($"Attribute '{name}' must be a non-negative integer.");

    [GeneratedRegex("^([0-9a-fA-F]){8}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){4}-([0-9a-fA-F]){12}$")]
    private static partial Regex UuidPattern();
}
