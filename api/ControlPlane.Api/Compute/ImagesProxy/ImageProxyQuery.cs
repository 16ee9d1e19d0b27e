using System.Globalization;
using System.Text.Json.Nodes;
using ControlPlane.Api.Edge;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.ImagesProxy;

/// <summary>
/// The filters of Nova's image-proxy list (<c>name</c>, <c>status</c>, <c>server</c>, <c>type</c>,
/// <c>changes-since</c>, <c>minDisk</c>, <c>minRam</c>) and its paging (<c>limit</c>, <c>marker</c>), applied
/// to the images the user can see. Unknown parameters are ignored, as Nova does for this API.
/// </summary>
public sealed record ImageProxyQuery(
    string? Name, string? Status, string? Server, string? Type, DateTimeOffset? ChangesSince,
    int? MinDisk, int? MinRam, int? Limit, string? Marker)
{
    /// <summary>Parses the query string; 400 naming the parameter when a value is malformed.</summary>
    public static ImageProxyQuery Parse(IQueryCollection query, int maxLimit)
    {
        var server = QueryParams.Get(query, "server");
        if (server is not null)
        {
            // Nova accepts a server URL here and matches on its last segment.
            server = server.TrimEnd('/').Split('/')[^1];
        }
        return new ImageProxyQuery(
            QueryParams.Get(query, "name"), QueryParams.Get(query, "status"), server, QueryParams.Get(query, "type"),
            QueryParams.Time(query, "changes-since"),
            QueryParams.NonNegative(query, "minDisk"), QueryParams.NonNegative(query, "minRam"),
            query.ContainsKey("limit") ? QueryParams.Limit(query, maxLimit) : null,
            QueryParams.Get(query, "marker"));
    }

    /// <summary>Applies the filters, then the marker (404-free: an unknown marker is 400 as Nova's proxy) and the limit.</summary>
    public IReadOnlyList<JsonObject> Apply(IReadOnlyList<JsonObject> images)
    {
        IEnumerable<JsonObject> selected = images.Where(Matches);
        if (Marker is not null)
        {
            var list = selected.ToList();
            var index = list.FindIndex(i => ImageProxyView.Id(i) == Marker);
            if (index < 0)
            {
                throw new InvalidException($"marker [{Marker}] not found");
            }
            selected = list.Skip(index + 1);
        }
        if (Limit is { } limit)
        {
            selected = selected.Take(limit);
        }
        return selected.ToList();
    }

    private bool Matches(JsonObject image)
    {
        if (Name is not null && Str(image, "name") != Name)
        {
            return false;
        }
        if (Status is not null && !NovaImageStatus.GlanceStatuses(Status).Contains(Str(image, "status") ?? string.Empty))
        {
            return false;
        }
        if (Server is not null && Str(image, "instance_uuid") != Server)
        {
            return false;
        }
        if (Type is not null && (Str(image, "image_type") ?? "image") != Type)
        {
            return false;
        }
        if (ChangesSince is { } since && (ImageProxyView.Time(image["updated_at"]) is not { } updated
            || DateTimeOffset.Parse(updated, CultureInfo.InvariantCulture) < since))
        {
            return false;
        }
        if (MinDisk is { } minDisk && Int(image, "min_disk") < minDisk)
        {
            return false;
        }
        return MinRam is not { } minRam || Int(image, "min_ram") >= minRam;
    }

    private static string? Str(JsonObject image, string key) => image[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int Int(JsonObject image, string key) => image[key] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
}
