using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Scheduling;
using Npgsql;

namespace ControlPlane.Scheduler.Data;

/// <summary>
/// <c>services</c> and <c>compute_nodes</c>: written only here, from compute hosts' reports, and
/// read by the scheduler to find candidate hosts.
/// </summary>
public sealed class ServiceStore(NpgsqlDataSource dataSource, TimeProvider timeProvider) : IComputeServiceSource
{
    /// <summary>
    /// Records a report: the service row's <c>last_seen_at</c> is the conductor's receive time (not
    /// the sender's clock), <c>report_count</c> grows by one and <c>driver_features</c> takes the
    /// features the host's driver has; the node row takes the capacity.
    /// </summary>
    public async Task RecordReportAsync(string host, string binary, ComputeCapacity capacity, IReadOnlyList<string> driverFeatures, CancellationToken ct)
    {
        var now = timeProvider.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var service = new NpgsqlCommand("""
            INSERT INTO services (host, binary_name, topic, report_count, last_seen_at, driver_features, created_at, updated_at)
            VALUES (@host, @binary, 'compute', 1, @now, @features, @now, @now)
            ON CONFLICT (host, binary_name) DO UPDATE
               SET report_count = services.report_count + 1, last_seen_at = @now, driver_features = @features, updated_at = @now
            """, connection, tx))
        {
            service.Parameters.AddWithValue("host", host);
            service.Parameters.AddWithValue("binary", binary);
            service.Parameters.AddWithValue("now", now);
            service.Parameters.AddWithValue("features", NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text, driverFeatures.ToArray());
            await service.ExecuteNonQueryAsync(ct);
        }
        await using (var node = new NpgsqlCommand("""
            INSERT INTO compute_nodes (host, hypervisor_hostname, hypervisor_type, memory_mb, memory_mb_used, vcpus,
                                       vcpus_used, local_gb, local_gb_used, running_vms, updated_at)
            VALUES (@host, @hv_host, @hv_type, @mem, @mem_used, @vcpus, @vcpus_used, @disk, @disk_used, @vms, @now)
            ON CONFLICT (host) DO UPDATE SET
               hypervisor_hostname = @hv_host, hypervisor_type = @hv_type, memory_mb = @mem, memory_mb_used = @mem_used,
               vcpus = @vcpus, vcpus_used = @vcpus_used, local_gb = @disk, local_gb_used = @disk_used,
               running_vms = @vms, updated_at = @now
            """, connection, tx))
        {
            node.Parameters.AddWithValue("host", host);
            node.Parameters.AddWithValue("hv_host", string.IsNullOrEmpty(capacity.HypervisorHostname) ? host : capacity.HypervisorHostname);
            node.Parameters.AddWithValue("hv_type", string.IsNullOrEmpty(capacity.HypervisorType) ? "fake" : capacity.HypervisorType);
            node.Parameters.AddWithValue("mem", capacity.MemoryMb);
            node.Parameters.AddWithValue("mem_used", capacity.MemoryMbUsed);
            node.Parameters.AddWithValue("vcpus", capacity.Vcpus);
            node.Parameters.AddWithValue("vcpus_used", capacity.VcpusUsed);
            node.Parameters.AddWithValue("disk", capacity.LocalGb);
            node.Parameters.AddWithValue("disk_used", capacity.LocalGbUsed);
            node.Parameters.AddWithValue("vms", capacity.RunningVms);
            node.Parameters.AddWithValue("now", now);
            await node.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    /// <summary>Every compute service that has reported capacity at least once.</summary>
    public async Task<IReadOnlyList<ComputeService>> ListComputeServicesAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT s.host, s.disabled, s.forced_down, s.last_seen_at
            FROM services s JOIN compute_nodes c ON c.host = s.host
            WHERE s.binary_name = @binary
            """, connection);
        cmd.Parameters.AddWithValue("binary", ComputeService.Binary);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var result = new List<ComputeService>();
        while (await reader.ReadAsync(ct))
        {
            result.Add(new ComputeService(reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return result;
    }
}
