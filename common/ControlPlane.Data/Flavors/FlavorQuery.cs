namespace ControlPlane.Data.Flavors;

/// <summary>Filters, order and page of a flavor listing (already validated by the caller).</summary>
public sealed record FlavorQuery
{
    /// <summary>Only flavors with at least this much RAM (MB).</summary>
    public int? MinRam { get; init; }

    /// <summary>Only flavors with at least this root disk (GB).</summary>
    public int? MinDisk { get; init; }

    /// <summary><c>true</c> public only, <c>false</c> private only, <c>null</c> both.</summary>
    public bool? IsPublic { get; init; }

    /// <summary>Sort column, one of <see cref="FlavorStore.SortKeys"/>.</summary>
    public string SortKey { get; init; } = "flavorid";

    /// <summary>True for descending order.</summary>
    public bool Descending { get; init; }

    /// <summary>Page size.</summary>
    public int Limit { get; init; } = 1000;

    /// <summary>The flavor id after which the page starts, or <c>null</c>.</summary>
    public string? Marker { get; init; }
}
