using ControlPlane.Domain.Flavors;
using ControlPlane.Scheduler.Grains.Capacity;
using Npgsql;

namespace ControlPlane.Scheduler.Grains.Hosts;

/// <summary>Reads a host's totals (<c>compute_nodes</c>) and placed instances (<c>instances</c>) from PostgreSQL.</summary>
public sealed class PostgresHostClaimSource(NpgsqlDataSource dataSource) : IHostClaimSource
{
    public async Task<HostClaims> LoadAsync(string host, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        Resources? totals = null;
        await using (var cmd = new NpgsqlCommand("SELECT memory_mb, vcpus, local_gb FROM compute_nodes WHERE host = @host", connection))
        {
            cmd.Parameters.AddWithValue("host", host);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                totals = Resources.ForHost(reader.GetInt64(0), reader.GetInt32(1), reader.GetInt64(2));
            }
        }

        var instances = new List<KeyValuePair<Guid, Resources>>();
        await using (var cmd = new NpgsqlCommand("SELECT id, flavor::text FROM instances WHERE host = @host AND NOT deleted", connection))
        {
            cmd.Parameters.AddWithValue("host", host);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                instances.Add(new(reader.GetGuid(0), FlavorCopy.Parse(reader.GetString(1)).ToResources()));
            }
        }
        return new HostClaims(totals, instances);
    }
}
