using System.Text.Json;
using ControlPlane.Domain.Errors;
using Npgsql;
using NpgsqlTypes;

namespace ControlPlane.Data.Flavors;

/// <summary>Reads flavors and seeds them.</summary>
public sealed class FlavorStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, name, memory_mb, vcpus, root_gb, ephemeral_gb, swap_mb, rxtx_factor, is_public, disabled, description, extra_specs::text";

    /// <summary>Nova's flavor sort keys mapped to columns.</summary>
    public static readonly IReadOnlyDictionary<string, string> SortKeys = new Dictionary<string, string>
    {
        ["flavorid"] = "id", ["id"] = "id", ["name"] = "name", ["memory_mb"] = "memory_mb", ["vcpus"] = "vcpus",
        ["root_gb"] = "root_gb", ["ephemeral_gb"] = "ephemeral_gb", ["swap"] = "swap_mb", ["rxtx_factor"] = "rxtx_factor",
        ["is_public"] = "is_public", ["disabled"] = "disabled", ["created_at"] = "created_at", ["description"] = "description",
    };

    /// <summary>The flavor, or <c>null</c>.</summary>
    public async Task<FlavorRecord?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand($"SELECT {Columns} FROM flavors WHERE id = @id");
        cmd.Parameters.AddWithValue("id", id);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>One page of flavors. An unknown <see cref="FlavorQuery.Marker"/> is an <see cref="InvalidException"/>.</summary>
    public async Task<IReadOnlyList<FlavorRecord>> ListAsync(FlavorQuery query, CancellationToken cancellationToken)
    {
        var column = SortKeys[query.SortKey];
        var dir = query.Descending ? "DESC" : "ASC";
        var cmp = query.Descending ? "<" : ">";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var markerClause = string.Empty;
        await using var cmd = new NpgsqlCommand { Connection = connection };
        if (query.Marker is not null)
        {
            await using var probe = new NpgsqlCommand("SELECT 1 FROM flavors WHERE id = @m", connection);
            probe.Parameters.AddWithValue("m", query.Marker);
            if (await probe.ExecuteScalarAsync(cancellationToken) is null)
            {
                throw new InvalidException($"marker [{query.Marker}] not found");
            }
            markerClause = $"AND ({column}, id) {cmp} (SELECT {column}, id FROM flavors WHERE id = @marker)";
            cmd.Parameters.AddWithValue("marker", query.Marker);
        }
        cmd.CommandText = $"""
            SELECT {Columns} FROM flavors
            WHERE (@min_ram IS NULL OR memory_mb >= @min_ram)
              AND (@min_disk IS NULL OR root_gb >= @min_disk)
              AND (@public IS NULL OR is_public = @public)
              {markerClause}
            ORDER BY {column} {dir}, id {dir}
            LIMIT @limit
            """;
        cmd.Parameters.Add(new NpgsqlParameter("min_ram", NpgsqlDbType.Integer) { Value = (object?)query.MinRam ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("min_disk", NpgsqlDbType.Integer) { Value = (object?)query.MinDisk ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("public", NpgsqlDbType.Boolean) { Value = (object?)query.IsPublic ?? DBNull.Value });
        cmd.Parameters.AddWithValue("limit", query.Limit);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var list = new List<FlavorRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(Read(reader));
        }
        return list;
    }

    /// <summary>Inserts the flavor when no flavor with its id or name exists (seeding; idempotent).</summary>
    public async Task EnsureAsync(FlavorRecord flavor, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO flavors (id, name, memory_mb, vcpus, root_gb, ephemeral_gb, swap_mb, rxtx_factor, is_public, description)
            VALUES (@id, @name, @ram, @vcpus, @disk, @eph, @swap, @rxtx, @pub, @desc) ON CONFLICT DO NOTHING
            """;
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("id", flavor.Id);
        cmd.Parameters.AddWithValue("name", flavor.Name);
        cmd.Parameters.AddWithValue("ram", flavor.MemoryMb);
        cmd.Parameters.AddWithValue("vcpus", flavor.Vcpus);
        cmd.Parameters.AddWithValue("disk", flavor.RootGb);
        cmd.Parameters.AddWithValue("eph", flavor.EphemeralGb);
        cmd.Parameters.AddWithValue("swap", flavor.SwapMb);
        cmd.Parameters.AddWithValue("rxtx", flavor.RxtxFactor);
        cmd.Parameters.AddWithValue("pub", flavor.IsPublic);
        cmd.Parameters.Add(new NpgsqlParameter("desc", NpgsqlDbType.Text) { Value = (object?)flavor.Description ?? DBNull.Value });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private static FlavorRecord Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt32(5), r.GetInt32(6),
        r.GetFloat(7), r.GetBoolean(8), r.GetBoolean(9), r.IsDBNull(10) ? null : r.GetString(10),
        JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(11)) ?? []);
}
