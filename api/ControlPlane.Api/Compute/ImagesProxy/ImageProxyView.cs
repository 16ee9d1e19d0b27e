using System.Globalization;
using System.Text.Json.Nodes;

namespace ControlPlane.Api.Compute.ImagesProxy;

/// <summary>Renders a Glance v2 image in Nova's image-proxy shape (tempest's <c>v2_1/images.py</c> schemas).</summary>
public static class ImageProxyView
{
    /// <summary>Glance v2 attributes that are not image properties (everything else is <c>metadata</c>).</summary>
    public static readonly IReadOnlySet<string> BaseAttributes = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "name", "status", "visibility", "protected", "checksum", "os_hash_algo", "os_hash_value", "owner",
        "size", "virtual_size", "min_ram", "min_disk", "created_at", "updated_at", "tags", "container_format",
        "disk_format", "file", "self", "schema", "direct_url", "locations", "os_hidden", "stores",
    };

    /// <summary>The list entry: id, name, links.</summary>
    public static JsonObject Summary(JsonObject image, ComputeLinks links, string imageRoot)
    {
        var id = Id(image);
        return new JsonObject { ["id"] = id, ["name"] = Name(image), ["links"] = Links(id, links, imageRoot) };
    }

    /// <summary>The full entity of show and list detail.</summary>
    public static JsonObject Detail(JsonObject image, ComputeLinks links, string imageRoot)
    {
        var id = Id(image);
        var status = image["status"]?.GetValue<string>();
        var metadata = Metadata(image);
        var view = new JsonObject
        {
            ["id"] = id,
            ["name"] = Name(image),
            ["minRam"] = Int(image["min_ram"]),
            ["minDisk"] = Int(image["min_disk"]),
            ["metadata"] = metadata,
            ["created"] = Time(image["created_at"]),
            ["updated"] = Time(image["updated_at"]),
            ["status"] = NovaImageStatus.Of(status),
            ["progress"] = NovaImageStatus.Progress(status),
            ["links"] = Links(id, links, imageRoot),
            ["OS-EXT-IMG-SIZE:size"] = image["size"] is JsonValue size && size.TryGetValue<long>(out var bytes) ? bytes : null,
        };
        if (metadata["instance_uuid"] is JsonValue server && server.TryGetValue<string>(out var serverId) && serverId.Length > 0)
        {
            view["server"] = new JsonObject { ["id"] = serverId, ["links"] = links.SelfAndBookmark("servers", serverId) };
        }
        if (metadata["auto_disk_config"] is JsonValue adc && adc.TryGetValue<string>(out var autoDisk))
        {
            view["OS-DCF:diskConfig"] = string.Equals(autoDisk, "true", StringComparison.OrdinalIgnoreCase) ? "AUTO" : "MANUAL";
        }
        return view;
    }

    /// <summary>The image's properties: every attribute that is not a Glance base attribute.</summary>
    public static JsonObject Metadata(JsonObject image)
    {
        var metadata = new JsonObject();
        foreach (var (key, value) in image)
        {
            if (!BaseAttributes.Contains(key))
            {
                metadata[key] = value?.DeepClone();
            }
        }
        return metadata;
    }

    /// <summary>self, bookmark and the alternate link to the image service (<paramref name="imageRoot"/>, e.g. <c>http://host:9292</c>).</summary>
    public static JsonArray Links(string id, ComputeLinks links, string imageRoot)
    {
        var array = links.SelfAndBookmark("images", id);
        array.Add(new JsonObject { ["href"] = $"{imageRoot.TrimEnd('/')}/images/{id}", ["rel"] = "alternate", ["type"] = "application/vnd.openstack.image" });
        return array;
    }

    /// <summary>A Glance time (<c>2026-01-02T03:04:05Z</c> or with a fraction/offset) in Nova's form.</summary>
    public static string? Time(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : null;

    /// <summary>The image id.</summary>
    public static string Id(JsonObject image) => image["id"]?.GetValue<string>() ?? string.Empty;

    private static string? Name(JsonObject image) => image["name"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int Int(JsonNode? value) => value is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
}
