using System.Text.Json;
using ControlPlane.ImageStore.Images;
using Npgsql;

namespace ControlPlane.ImageStore.Data;

/// <summary>Maps rows of <c>images</c> (selected as <see cref="Columns"/>) to <see cref="Image"/>.</summary>
internal static class ImageRowReader
{
    /// <summary>Column list, in the order <see cref="Read"/> expects, for alias <c>i</c>.</summary>
    public const string Columns =
        "i.id, i.name, i.status, i.visibility, i.protected, i.os_hidden, i.checksum, i.os_hash_algo, i.os_hash_value, " +
        "i.size, i.virtual_size, i.min_ram, i.min_disk, i.owner, i.container_format, i.disk_format, i.tags, " +
        "i.properties::text, i.has_data, i.created_at, i.updated_at";

    /// <summary>Number of columns in <see cref="Columns"/>.</summary>
    public const int Count = 21;

    /// <summary>Reads the current row.</summary>
    public static Image Read(NpgsqlDataReader r) => new()
    {
        Id = r.GetGuid(0),
        Name = r.IsDBNull(1) ? null : r.GetString(1),
        Status = r.GetString(2),
        Visibility = r.GetString(3),
        Protected = r.GetBoolean(4),
        OsHidden = r.GetBoolean(5),
        Checksum = r.IsDBNull(6) ? null : r.GetString(6),
        OsHashAlgo = r.IsDBNull(7) ? null : r.GetString(7),
        OsHashValue = r.IsDBNull(8) ? null : r.GetString(8),
        Size = r.IsDBNull(9) ? null : r.GetInt64(9),
        VirtualSize = r.IsDBNull(10) ? null : r.GetInt64(10),
        MinRam = r.GetInt32(11),
        MinDisk = r.GetInt32(12),
        Owner = r.GetString(13),
        ContainerFormat = r.IsDBNull(14) ? null : r.GetString(14),
        DiskFormat = r.IsDBNull(15) ? null : r.GetString(15),
        Tags = [.. r.GetFieldValue<string[]>(16)],
        Properties = JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(17)) is { } p
            ? new Dictionary<string, string>(p, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal),
        HasData = r.GetBoolean(18),
        CreatedAt = r.GetFieldValue<DateTimeOffset>(19),
        UpdatedAt = r.GetFieldValue<DateTimeOffset>(20),
    };
}
