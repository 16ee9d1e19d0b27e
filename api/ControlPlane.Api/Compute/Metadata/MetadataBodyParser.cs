using System.Text.Json;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.Metadata;

/// <summary>
/// Validates metadata bodies as Nova's <c>server_metadata</c> schemas: <c>{"metadata": {k: v, ...}}</c> for the whole set,
/// <c>{"meta": {k: v}}</c> with exactly the URL's key for one item. Keys 1-255 characters of <c>[a-zA-Z0-9-_:. ]</c>,
/// values strings of at most 255 characters; nothing else in the body.
/// </summary>
public static class MetadataBodyParser
{
    /// <summary>The items of a <c>{"metadata": {...}}</c> body.</summary>
    public static IReadOnlyDictionary<string, string> ParseAll(JsonElement root)
    {
        var metadata = BodyFields.RootObject(root, "metadata");
        BodyFields.RejectUnknown(root, "body", new HashSet<string> { "metadata" });
        return BodyFields.Metadata(metadata, "metadata");
    }

    /// <summary>The value of a <c>{"meta": {key: value}}</c> body for URL key <paramref name="key"/>.</summary>
    public static string ParseOne(JsonElement root, string key)
    {
        var meta = BodyFields.RootObject(root, "meta");
        BodyFields.RejectUnknown(root, "body", new HashSet<string> { "meta" });
        var items = BodyFields.Metadata(meta, "meta");
        if (items.Count > 1)
        {
            throw new InvalidException("Request body contains too many items");
        }
        if (items.Count == 0)
        {
            throw BodyFields.Invalid("meta", meta, "{} does not have enough properties");
        }
        return items.TryGetValue(key, out var value) ? value : throw new InvalidException("Request body and URI mismatch");
    }
}
