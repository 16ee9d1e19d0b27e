namespace ControlPlane.ImageStore.Images;

/// <summary>One image's metadata (the Glance v2 image entity without its links).</summary>
public sealed class Image
{
    /// <summary>Image id.</summary>
    public required Guid Id { get; init; }

    /// <summary>Display name; null when unset.</summary>
    public string? Name { get; set; }

    /// <summary>One of <see cref="ImageStatus"/>.</summary>
    public required string Status { get; set; }

    /// <summary>One of <see cref="ImageVisibility"/>.</summary>
    public required string Visibility { get; set; }

    /// <summary>A protected image cannot be deleted.</summary>
    public bool Protected { get; set; }

    /// <summary>Hidden images are left out of default listings.</summary>
    public bool OsHidden { get; set; }

    /// <summary>Hex MD5 of the data.</summary>
    public string? Checksum { get; set; }

    /// <summary>Name of the secure hash algorithm (<c>sha512</c>).</summary>
    public string? OsHashAlgo { get; set; }

    /// <summary>Hex SHA-512 of the data.</summary>
    public string? OsHashValue { get; set; }

    /// <summary>Size of the data in bytes.</summary>
    public long? Size { get; set; }

    /// <summary>Virtual size of the disk, when known.</summary>
    public long? VirtualSize { get; set; }

    /// <summary>Minimum RAM (MiB) to boot it.</summary>
    public int MinRam { get; set; }

    /// <summary>Minimum disk (GiB) to boot it.</summary>
    public int MinDisk { get; set; }

    /// <summary>Owning project id.</summary>
    public required string Owner { get; set; }

    /// <summary>Container format.</summary>
    public string? ContainerFormat { get; set; }

    /// <summary>Disk format.</summary>
    public string? DiskFormat { get; set; }

    /// <summary>Tags (unique, unordered).</summary>
    public List<string> Tags { get; set; } = [];

    /// <summary>Extra (string) properties, shown at the top level of the image.</summary>
    public Dictionary<string, string> Properties { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether the store holds the image's data.</summary>
    public bool HasData { get; set; }

    /// <summary>Creation time.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last modification time.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>A deep copy, to apply changes to before they are validated and saved.</summary>
    public Image Clone()
    {
        var copy = (Image)MemberwiseClone();
        copy.Tags = [.. Tags];
        copy.Properties = new Dictionary<string, string>(Properties, StringComparer.Ordinal);
        return copy;
    }
}
