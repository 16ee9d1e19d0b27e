using System.Text.Json.Nodes;

namespace ControlPlane.Api.Compute.Images;

/// <summary>What the api needs to know about an image to boot from it.</summary>
/// <param name="Id">Image id.</param>
/// <param name="Status">Glance status (queued, saving, active, ...).</param>
/// <param name="MinRamMb">Minimum RAM the image needs (MB).</param>
/// <param name="MinDiskGb">Minimum root disk the image needs (GB).</param>
/// <param name="SizeBytes">Size of the image data, or <c>null</c> while it has none.</param>
public sealed record ImageInfo(Guid Id, string Status, int MinRamMb, int MinDiskGb, long? SizeBytes)
{
    /// <summary>The fields of a Glance v2 image; a missing or mistyped field reads as unknown status, 0, or no size.</summary>
    public static ImageInfo From(Guid id, JsonObject image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return new ImageInfo(id,
            image["status"] is JsonValue s && s.TryGetValue<string>(out var status) ? status : "unknown",
            Int(image["min_ram"]), Int(image["min_disk"]),
            image["size"] is JsonValue v && v.TryGetValue<long>(out var size) ? size : null);
    }

    /// <summary>An integer field, 0 when missing or not an integer.</summary>
    public static int Int(JsonNode? value) => value is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
}
