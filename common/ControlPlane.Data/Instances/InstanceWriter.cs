using ControlPlane.Data.ServerGroups;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Flavors;
using ControlPlane.Domain.States;
using Npgsql;
using NpgsqlTypes;

namespace ControlPlane.Data.Instances;

/// <summary>
/// The API's writes of instance rows other than task-state transitions (those go through
/// <see cref="InstanceStateStore"/>): the quota-checked insert of a new server with its
/// <c>create</c> action, renames, the direct delete of a server that never reached a host, and
/// instance actions.
/// </summary>
public sealed class InstanceWriter(NpgsqlDataSource dataSource, InstanceStateStore states)
{
    /// <summary>
    /// Inserts the instance as building/scheduling plus its <c>create</c> action in one transaction,
    /// after checking the project's usage against <paramref name="limits"/> under a per-project
    /// advisory lock (so concurrent creates cannot both slip under the limit), and the membership of its
    /// server group when it joins one. Over quota raises <see cref="OverQuotaException"/> and writes nothing.
    /// </summary>
    /// <returns>The instance's internal id (its hypervisor name is <c>instance-%08x</c> of it).</returns>
    public async Task<long> InsertAsync(NewInstance instance, QuotaLimits limits, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCmd = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtext('quota:' || @p))", connection, tx))
        {
            lockCmd.Parameters.AddWithValue("p", instance.ProjectId);
            await lockCmd.ExecuteNonQueryAsync(cancellationToken);
        }
        await CheckQuotaAsync(connection, tx, instance, await ReadLimitsAsync(connection, tx, instance.ProjectId, limits, cancellationToken), cancellationToken);

        const string insert = """
            INSERT INTO instances (id, project_id, user_id, display_name, display_description, hostname, flavor_id, flavor,
                image_ref, vm_state, task_state, power_state, reservation_id, launch_index, availability_zone, user_data,
                access_ip_v4, access_ip_v6, config_drive, auto_disk_config, metadata, tags, created_at, updated_at, key_name, key_data)
            VALUES (@id, @project, @user, @name, @description, @hostname, @flavor_id, @flavor::jsonb,
                @image, @vm_state, @task_state, 0, @reservation, 0, @az, @user_data,
                @ip4, @ip6, @config_drive, @auto_disk, @metadata::jsonb, @tags, @now, @now, @key_name, @key_data)
            RETURNING internal_id
            """;
        long internalId;
        await using (var cmd = new NpgsqlCommand(insert, connection, tx))
        {
            cmd.Parameters.AddWithValue("id", instance.Id);
            cmd.Parameters.AddWithValue("project", instance.ProjectId);
            cmd.Parameters.AddWithValue("user", instance.UserId);
            cmd.Parameters.AddWithValue("name", instance.DisplayName);
            AddText(cmd, "description", instance.DisplayDescription);
            AddText(cmd, "key_name", instance.KeyName);
            AddText(cmd, "key_data", instance.KeyData);
            cmd.Parameters.AddWithValue("hostname", instance.Hostname);
            cmd.Parameters.AddWithValue("flavor_id", instance.FlavorId);
            cmd.Parameters.AddWithValue("flavor", instance.FlavorJson);
            cmd.Parameters.AddWithValue("image", instance.ImageRef);
            cmd.Parameters.AddWithValue("vm_state", VmState.Building);
            cmd.Parameters.AddWithValue("task_state", TaskState.Scheduling);
            cmd.Parameters.AddWithValue("reservation", instance.ReservationId);
            AddText(cmd, "az", instance.AvailabilityZone);
            AddText(cmd, "user_data", instance.UserData);
            AddText(cmd, "ip4", instance.AccessIpV4);
            AddText(cmd, "ip6", instance.AccessIpV6);
            cmd.Parameters.AddWithValue("config_drive", instance.ConfigDrive);
            cmd.Parameters.AddWithValue("auto_disk", instance.AutoDiskConfig);
            cmd.Parameters.AddWithValue("metadata", instance.MetadataJson);
            cmd.Parameters.Add(new NpgsqlParameter("tags", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = instance.Tags.ToArray() });
            cmd.Parameters.AddWithValue("now", instance.Now);
            internalId = (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
        }
        if (instance.ServerGroupId is { } groupId)
        {
            await ServerGroupQuota.AddMemberAsync(connection, tx, groupId, instance.Id, limits.ServerGroupMembers, instance.Now, cancellationToken);
        }
        await using (var action = new NpgsqlCommand(ActionInsert, connection, tx))
        {
            AddActionParameters(action, instance.Id, "create", instance.RequestId, instance.UserId, instance.ProjectId, instance.Now);
            await action.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
        return internalId;
    }

    /// <summary>Applies a user update (name, description, access IPs, disk config) to a live instance.</summary>
    public async Task UpdateAsync(Guid id, InstanceUserUpdate update, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE instances SET display_name = COALESCE(@name, display_name),
                display_description = CASE WHEN @set_desc THEN @desc ELSE display_description END,
                access_ip_v4 = CASE WHEN @set_ip4 THEN @ip4 ELSE access_ip_v4 END,
                access_ip_v6 = CASE WHEN @set_ip6 THEN @ip6 ELSE access_ip_v6 END,
                auto_disk_config = COALESCE(@auto_disk, auto_disk_config),
                updated_at = @now
            WHERE id = @id AND NOT deleted
            """;
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("id", id);
        AddText(cmd, "name", update.Name);
        cmd.Parameters.AddWithValue("set_desc", update.SetDescription);
        AddText(cmd, "desc", update.Description);
        cmd.Parameters.AddWithValue("set_ip4", update.SetAccessIpV4);
        AddText(cmd, "ip4", update.AccessIpV4);
        cmd.Parameters.AddWithValue("set_ip6", update.SetAccessIpV6);
        AddText(cmd, "ip6", update.AccessIpV6);
        cmd.Parameters.Add(new NpgsqlParameter("auto_disk", NpgsqlDbType.Boolean) { Value = (object?)update.AutoDiskConfig ?? DBNull.Value });
        cmd.Parameters.AddWithValue("now", now);
        if (await cmd.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new NotFoundException($"Instance {id} could not be found.");
        }
    }

    /// <summary>
    /// Deletes an instance that has no host (never scheduled, or failed before reaching one) directly:
    /// a compare-and-set on "no host and task_state = <paramref name="expectedTaskState"/>", so an
    /// instance the conductor just placed on a host is not deleted behind the compute's back (409 then).
    /// </summary>
    public async Task DeleteWithoutHostAsync(Guid id, string? expectedTaskState, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE instances SET deleted = true, deleted_at = @now, terminated_at = @now, vm_state = 'deleted',
                task_state = NULL, power_state = 0, updated_at = @now
            WHERE id = @id AND NOT deleted AND host IS NULL AND task_state IS NOT DISTINCT FROM @expected
            """;
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("now", now);
        AddText(cmd, "expected", expectedTaskState);
        if (await cmd.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new ConflictException($"Instance {id} changed while being deleted; retry the delete.");
        }
    }

    /// <summary>
    /// Deletes, in the database only, a live instance whose compute service is down (Nova's local delete):
    /// compare-and-set on the host and task state read. 409 when either changed meanwhile.
    /// </summary>
    public async Task DeleteOnDownHostAsync(Guid id, string host, string? expectedTaskState, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE instances SET deleted = true, deleted_at = @now, terminated_at = @now, vm_state = 'deleted',
                task_state = NULL, power_state = 0, updated_at = @now
            WHERE id = @id AND NOT deleted AND host = @host AND task_state IS NOT DISTINCT FROM @expected
            """;
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("host", host);
        cmd.Parameters.AddWithValue("now", now);
        AddText(cmd, "expected", expectedTaskState);
        if (await cmd.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new ConflictException($"Instance {id} changed while being deleted; retry the delete.");
        }
    }

    /// <summary>
    /// Starts a user action on a live instance: the task-state compare-and-set (<see cref="InstanceStateStore"/>)
    /// and the instance action row in one transaction, so a lost race records no action and a failed insert
    /// leaves the task state as it was. Raises what <see cref="InstanceStateStore.ApplyAsync"/> raises.
    /// </summary>
    public async Task BeginActionAsync(Guid id, TaskStateTransition transition, string action, string requestId, string userId, string projectId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await states.ApplyAsync(id, transition, tx, cancellationToken);
        await using (var cmd = new NpgsqlCommand(ActionInsert, connection, tx))
        {
            AddActionParameters(cmd, id, action, requestId, userId, projectId, now);
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        await tx.CommitAsync(cancellationToken);
    }

    /// <summary>Records an instance action (e.g. <c>delete</c>) started by the current request.</summary>
    public async Task RecordActionAsync(Guid id, string action, string requestId, string userId, string projectId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(ActionInsert);
        AddActionParameters(cmd, id, action, requestId, userId, projectId, now);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Nova's resize quota check: the project's cores and RAM in use plus the growth (<paramref name="deltaCores"/>,
    /// <paramref name="deltaRamMb"/>; a shrink is never refused) must stay within its limits; else
    /// <see cref="OverQuotaException"/> (403) naming the resource.
    /// </summary>
    public async Task CheckResizeQuotaAsync(string projectId, int deltaCores, int deltaRamMb, QuotaLimits defaults, CancellationToken cancellationToken)
    {
        if (deltaCores <= 0 && deltaRamMb <= 0)
        {
            return;
        }
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var limits = await ReadLimitsAsync(connection, tx, projectId, defaults, cancellationToken);
        await using var cmd = new NpgsqlCommand("SELECT flavor::text FROM instances WHERE project_id = @p AND NOT deleted", connection, tx);
        cmd.Parameters.AddWithValue("p", projectId);
        long cores = 0, ram = 0;
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var flavor = FlavorCopy.Parse(reader.GetString(0));
                (cores, ram) = (cores + flavor.Vcpus, ram + flavor.MemoryMb);
            }
        }
        Check("cores", Math.Max(deltaCores, 0), cores, limits.Cores);
        Check("ram", Math.Max(deltaRamMb, 0), ram, limits.RamMb);
    }

    private const string ActionInsert = """
        INSERT INTO instance_actions (instance_id, action, request_id, user_id, project_id, start_time, updated_at)
        VALUES (@id, @action, @request_id, @user, @project, @now, @now)
        """;

    private static void AddActionParameters(NpgsqlCommand cmd, Guid id, string action, string requestId, string userId, string projectId, DateTimeOffset now)
    {
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("action", action);
        cmd.Parameters.AddWithValue("request_id", requestId);
        cmd.Parameters.AddWithValue("user", userId);
        cmd.Parameters.AddWithValue("project", projectId);
        cmd.Parameters.AddWithValue("now", now);
    }

    private static async Task<QuotaLimits> ReadLimitsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string projectId, QuotaLimits defaults, CancellationToken cancellationToken)
    {
        await using var cmd = new NpgsqlCommand("SELECT resource, hard_limit FROM quotas WHERE project_id = @p", connection, tx);
        cmd.Parameters.AddWithValue("p", projectId);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var limits = defaults;
        while (await reader.ReadAsync(cancellationToken))
        {
            limits = reader.GetString(0) switch
            {
                "instances" => limits with { Instances = reader.GetInt32(1) },
                "cores" => limits with { Cores = reader.GetInt32(1) },
                "ram" => limits with { RamMb = reader.GetInt32(1) },
                _ => limits,
            };
        }
        return limits;
    }

    private static async Task CheckQuotaAsync(NpgsqlConnection connection, NpgsqlTransaction tx, NewInstance instance, QuotaLimits limits, CancellationToken cancellationToken)
    {
        // NOTE(data): usage is summed from each instance's flavor copy through the one parser of it
        // (FlavorCopy), not from jsonb keys in SQL, so the quota counts what the scheduler claims.
        await using var cmd = new NpgsqlCommand("SELECT flavor::text FROM instances WHERE project_id = @p AND NOT deleted", connection, tx);
        cmd.Parameters.AddWithValue("p", instance.ProjectId);
        long count = 0, cores = 0, ram = 0;
        await using (var reader = await cmd.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var flavor = FlavorCopy.Parse(reader.GetString(0));
                (count, cores, ram) = (count + 1, cores + flavor.Vcpus, ram + flavor.MemoryMb);
            }
        }
        Check("instances", 1, count, limits.Instances);
        Check("cores", instance.Vcpus, cores, limits.Cores);
        Check("ram", instance.MemoryMb, ram, limits.RamMb);
    }

    private static void Check(string resource, long requested, long used, int limit)
    {
        if (limit >= 0 && used + requested > limit)
        {
            throw new OverQuotaException($"Quota exceeded for {resource}: Requested {requested}, but already used {used} of {limit} {resource}");
        }
    }

    private static void AddText(NpgsqlCommand cmd, string name, string? value) =>
        cmd.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });
}
