using System.Globalization;
using System.Text.Json.Nodes;
using ControlPlane.ImageStore.Images;

namespace ControlPlane.ImageStore.Http;

/// <summary>Renders an image in Glance v2's exact shape (core attributes, links, extra properties at top level).</summary>
public static class ImageJson
{
    /// <summary>Glance's timestamp format (seconds, UTC, <c>Z</c>).</summary>
    public static string Timestamp(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>The JSON object of <paramref name="image"/>.</summary>
    public static JsonObject Render(Image image)
    {
        var id = image.Id.ToString("D");
        var json = new JsonObject();
        // Extra properties first so that a core attribute can never be shadowed by one.
        foreach (var (key, value) in image.Properties.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            json[key] = value;
        }
        json["id"] = id;
        json["name"] = image.Name;
        json["status"] = image.Status;
        json["visibility"] = image.Visibility;
        json["protected"] = image.Protected;
        json["os_hidden"] = image.OsHidden;
        json["checksum"] = image.Checksum;
        json["os_hash_algo"] = image.OsHashAlgo;
        json["os_hash_value"] = image.OsHashValue;
        json["size"] = image.Size;
        json["virtual_size"] = image.VirtualSize;
        json["min_ram"] = image.MinRam;
        json["min_disk"] = image.MinDisk;
        json["owner"] = image.Owner;
        json["container_format"] = image.ContainerFormat;
        json["disk_format"] = image.DiskFormat;
        json["created_at"] = Timestamp(image.CreatedAt);
        json["updated_at"] = Timestamp(image.UpdatedAt);
        json["tags"] = new JsonArray(image.Tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray());
        json["self"] = $"/v2/images/{id}";
        json["file"] = $"/v2/images/{id}/file";
        json["schema"] = "/v2/schemas/image";
        return json;
    }
}
