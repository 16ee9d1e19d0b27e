using System.Text.Json;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Text;

namespace ControlPlane.ImageStore.Patching;

/// <summary>Parses an image PATCH body in either of Glance's media types into <see cref="PatchOperation"/>s.</summary>
public static class JsonPatchParser
{
    private static readonly string[] Ops = ["add", "replace", "remove"];

    /// <summary>
    /// Parses <paramref name="body"/> sent with <paramref name="contentType"/>; 415 for another media
    /// type, 400 for a malformed document or operation or for text that is not storable
    /// (<see cref="BodyText"/>). The returned operations own cloned values.
    /// </summary>
    public static IReadOnlyList<PatchOperation> Parse(string? contentType, ReadOnlySpan<byte> body)
    {
        var mediaType = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        var draft4 = mediaType switch
        {
            PatchMediaTypes.V21 => false,
            PatchMediaTypes.V20 => true,
            _ => throw new UnsupportedMediaTypeException(
                $"Unsupported Content-Type '{contentType}'; use {PatchMediaTypes.V21} or {PatchMediaTypes.V20}."),
        };

        BodyText.RequireUtf8(body);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body.ToArray());
        }
        catch (JsonException ex)
        {
            throw new InvalidException("Malformed JSON in request body.", ex);
        }
        using (doc)
        {
            BodyText.RequireStorable(doc.RootElement);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidException("Request body must be a JSON array of operation objects.");
            }
            return doc.RootElement.EnumerateArray().Select(e => draft4 ? ParseDraft4(e) : ParseRfc6902(e)).ToList();
        }
    }

    /// <summary>Decodes a JSON pointer naming one top-level attribute (<c>/name</c>, <c>/a~1b</c>).</summary>
    public static string DecodePointer(string pointer)
    {
        if (!pointer.StartsWith('/'))
        {
            throw new InvalidException($"Pointer `{pointer}` does not start with \"/\".");
        }
        var raw = pointer[1..];
        for (var i = raw.IndexOf('~'); i >= 0; i = raw.IndexOf('~', i + 1))
        {
            if (i + 1 >= raw.Length || (raw[i + 1] != '0' && raw[i + 1] != '1'))
            {
                throw new InvalidException($"Pointer `{pointer}` contains \"~\" not part of a recognized escape sequence.");
            }
        }
        if (raw.StartsWith(LocationsPrefix, StringComparison.Ordinal) && IsLocationIndex(raw[LocationsPrefix.Length..]))
        {
            // Glance accepts /locations/N and /locations/- as paths, then refuses them (403) while
            // locations are hidden; name the attribute so the reserved-name check answers the same.
            return "locations";
        }
        if (raw.Contains('/'))
        {
            throw new InvalidException($"Pointer `{pointer}` must name a single top-level attribute.");
        }
        var name = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
        return name.Length > 0 ? name : throw new InvalidException($"Pointer `{pointer}` names no attribute.");
    }

    private const string LocationsPrefix = "locations/";

    private static bool IsLocationIndex(string index) => index == "-" || (index.Length > 0 && index.All(char.IsAsciiDigit));

    private static PatchOperation ParseRfc6902(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidException("Operations must be JSON objects.");
        }
        var op = element.TryGetProperty("op", out var o) && o.ValueKind == JsonValueKind.String ? o.GetString()! : "";
        if (!Ops.Contains(op, StringComparer.Ordinal))
        {
            throw new InvalidException($"Invalid operation: `{op}`; supported: add, replace, remove.");
        }
        if (!element.TryGetProperty("path", out var p) || p.ValueKind != JsonValueKind.String)
        {
            throw new InvalidException("Unable to find `path` in JSON Schema change.");
        }
        return Build(op, p.GetString()!, element);
    }

    private static PatchOperation ParseDraft4(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidException("Operations must be JSON objects.");
        }
        var found = Ops.Where(op => element.TryGetProperty(op, out _)).ToList();
        if (found.Count != 1)
        {
            throw new InvalidException("Operation objects must contain exactly one of \"add\", \"remove\", or \"replace\".");
        }
        var path = element.GetProperty(found[0]);
        if (path.ValueKind != JsonValueKind.String)
        {
            throw new InvalidException($"The `{found[0]}` member must be a JSON pointer string.");
        }
        return Build(found[0], path.GetString()!, element);
    }

    private static PatchOperation Build(string op, string pointer, JsonElement element)
    {
        var attribute = DecodePointer(pointer);
        if (op == "remove")
        {
            return new PatchOperation(op, attribute, default);
        }
        if (!element.TryGetProperty("value", out var value))
        {
            throw new InvalidException($"Operation \"{op}\" requires a member named \"value\".");
        }
        return new PatchOperation(op, attribute, value.Clone());
    }
}
