using ControlPlane.Domain.Flavors;
using ControlPlane.Domain.Migrations;
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

        var instances = new Dictionary<Guid, Resources>();
        await using (var cmd = new NpgsqlCommand("SELECT id, flavor::text FROM instances WHERE host = @host AND NOT deleted", connection))
        {
            cmd.Parameters.AddWithValue("host", host);
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                instances[reader.GetGuid(0)] = FlavorCopy.Parse(reader.GetString(1)).ToResources();
            }
        }

        // NOTE(scheduler): a resize in progress holds a claim on both hosts: the destination's on the new flavor, the
        // source's on the old one, whatever the instance row's host and flavor say at this moment (a same-host resize
        // keeps one claim, the new flavor's).
        await using (var cmd = new NpgsqlCommand("""
            SELECT m.instance_id, m.dest_compute = @host, m.old_flavor::text, m.new_flavor::text
            FROM migrations m JOIN instances i ON i.id = m.instance_id
            WHERE (m.source_compute = @host OR m.dest_compute = @host) AND NOT m.deleted AND NOT i.deleted
              AND m.status = ANY(@active) AND m.old_flavor IS NOT NULL AND m.new_flavor IS NOT NULL
            """, connection))
        {
            cmd.Parameters.AddWithValue("host", host);
            cmd.Parameters.AddWithValue("active", MigrationStatus.InProgress.ToArray());
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var isDestination = !reader.IsDBNull(1) && reader.GetBoolean(1);
                instances[reader.GetGuid(0)] = FlavorCopy.Parse(reader.GetString(isDestination ? 3 : 2)).ToResources();
            }
        }
        return new HostClaims(totals, instances.ToList());
    }
}
