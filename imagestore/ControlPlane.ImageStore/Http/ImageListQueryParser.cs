using System.Globalization;
using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Data;
using ControlPlane.ImageStore.Images;
using ControlPlane.ImageStore.Options;

namespace ControlPlane.ImageStore.Http;

/// <summary>Validates the query string of <c>GET /v2/images</c> into an <see cref="ImageListQuery"/>.</summary>
public static class ImageListQueryParser
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "limit", "marker", "sort_key", "sort_dir", "sort", "visibility", "member_status", "size_min", "size_max",
        "os_hidden", "protected", "tag", "status", "name", "owner", "container_format", "disk_format", "checksum",
        "size", "min_ram", "min_disk",
    };

    private static readonly HashSet<string> MemberStatuses = new(StringComparer.Ordinal) { "pending", "accepted", "rejected", "all" };

    /// <summary>Parses <paramref name="query"/>; 400 naming the first invalid parameter.</summary>
    public static ImageListQuery Parse(IQueryCollection query, ImageStoreOptions options)
    {
        var visibility = Single(query, "visibility");
        if (visibility is not null && visibility != "all" && !ImageVisibility.Values.Contains(visibility))
        {
            throw new InvalidException($"Invalid visibility value: {visibility}");
        }
        var memberStatus = Single(query, "member_status") ?? "accepted";
        if (!MemberStatuses.Contains(memberStatus))
        {
            throw new InvalidException($"Invalid member_status value: {memberStatus}");
        }
        var status = Single(query, "status");
        if (status is not null && !ImageStatus.All.Contains(status))
        {
            throw new InvalidException($"Invalid status value: {status}");
        }
        var markerText = Single(query, "marker");
        Guid? marker = markerText is null ? null
            : Guid.TryParse(markerText, out var m) ? m : throw new InvalidException($"Invalid marker. Image {markerText} could not be found.");

        return new ImageListQuery
        {
            Limit = Limit(query, options),
            Marker = marker,
            Sort = ImageSortParser.Parse(query),
            Name = Single(query, "name"),
            Status = status,
            Visibility = visibility,
            Owner = Single(query, "owner"),
            ContainerFormat = Single(query, "container_format"),
            DiskFormat = Single(query, "disk_format"),
            Checksum = Single(query, "checksum"),
            Tags = query["tag"].Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).ToList(),
            Size = Long(query, "size"),
            MinRam = (int?)Long(query, "min_ram", int.MaxValue),
            MinDisk = (int?)Long(query, "min_disk", int.MaxValue),
            SizeMin = Long(query, "size_min"),
            SizeMax = Long(query, "size_max"),
            OsHidden = Bool(query, "os_hidden"),
            Protected = Bool(query, "protected"),
            MemberStatus = memberStatus,
            Properties = query.Where(p => !Known.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal),
        };
    }

    private static int Limit(IQueryCollection query, ImageStoreOptions options)
    {
        var text = Single(query, "limit");
        if (text is null)
        {
            return options.DefaultPageSize;
        }
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit))
        {
            throw new InvalidException("limit param must be a non-negative integer");
        }
        return Math.Min(limit, options.MaxPageSize);
    }

    private static string? Single(IQueryCollection query, string name)
    {
        var values = query[name];
        return values.Count switch
        {
            0 => null,
            1 => values[0],
            _ => throw new InvalidException($"Parameter '{name}' may be given only once."),
        };
    }

    private static long? Long(IQueryCollection query, string name, long max = long.MaxValue) =>
        Single(query, name) is { } text
            ? long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v <= max
                ? v
                : throw new InvalidException($"{name} must be a non-negative integer")
            : null;

    private static bool? Bool(IQueryCollection query, string name) =>
        Single(query, name)?.ToLowerInvariant() switch
        {
            null => null,
            "true" => true,
            "false" => false,
            var other => throw new InvalidException($"Invalid value '{other}' for {name}: must be true or false."),
        };
}
