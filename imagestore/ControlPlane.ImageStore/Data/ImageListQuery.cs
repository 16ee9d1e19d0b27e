namespace ControlPlane.ImageStore.Data;

/// <summary>Filters, order and page of <c>GET /v2/images</c>, already validated.</summary>
public sealed class ImageListQuery
{
    /// <summary>Page size.</summary>
    public int Limit { get; init; } = 25;

    /// <summary>Id of the last image of the previous page.</summary>
    public Guid? Marker { get; init; }

    /// <summary>Sort keys, most significant first (id is always added last as tie-breaker).</summary>
    public IReadOnlyList<ImageSortKey> Sort { get; init; } = [new("created_at", true)];

    /// <summary>Exact name.</summary>
    public string? Name { get; init; }

    /// <summary>Exact status.</summary>
    public string? Status { get; init; }

    /// <summary>Visibility filter (public, private, shared, community or all).</summary>
    public string? Visibility { get; init; }

    /// <summary>Owning project.</summary>
    public string? Owner { get; init; }

    /// <summary>Exact container format.</summary>
    public string? ContainerFormat { get; init; }

    /// <summary>Exact disk format.</summary>
    public string? DiskFormat { get; init; }

    /// <summary>Exact MD5 checksum.</summary>
    public string? Checksum { get; init; }

    /// <summary>Tags the image must all carry.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Exact size in bytes.</summary>
    public long? Size { get; init; }

    /// <summary>Exact minimum RAM.</summary>
    public int? MinRam { get; init; }

    /// <summary>Exact minimum disk.</summary>
    public int? MinDisk { get; init; }

    /// <summary>Minimum size in bytes.</summary>
    public long? SizeMin { get; init; }

    /// <summary>Maximum size in bytes.</summary>
    public long? SizeMax { get; init; }

    /// <summary>Hidden filter; when null hidden images are left out.</summary>
    public bool? OsHidden { get; init; }

    /// <summary>Protected filter.</summary>
    public bool? Protected { get; init; }

    /// <summary>Member status of shared images to include: pending, accepted, rejected or all.</summary>
    public string MemberStatus { get; init; } = "accepted";

    /// <summary>Extra properties that must have exactly these values.</summary>
    public IReadOnlyDictionary<string, string> Properties { get; init; } = new Dictionary<string, string>();
}
