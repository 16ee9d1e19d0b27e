using ControlPlane.Domain.Errors;
using Npgsql;
using NpgsqlTypes;

namespace ControlPlane.Data.Instances;

/// <summary>
/// Reads instances for the API: one by id (scoped to a project unless admin), and filtered,
/// paged lists ordered newest first (created_at desc, id desc), each with its latest fault and
/// the status of its host's compute service.
/// </summary>
public sealed class InstanceRepository(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    /// <summary>A compute service silent for longer than this is DOWN in <c>host_status</c> (Nova's service_down_time).</summary>
    public static readonly TimeSpan ServiceDownTime = TimeSpan.FromSeconds(60);

    private const string Select = """
        SELECT i.id, i.internal_id, i.project_id, i.user_id, i.display_name, i.display_description, i.hostname,
               i.flavor_id, i.flavor::text, i.image_ref, i.vm_state, i.task_state, i.power_state, i.host, i.node,
               i.progress, i.reservation_id, i.launch_index, i.availability_zone, i.key_name, i.user_data,
               i.access_ip_v4, i.access_ip_v6, i.config_drive, i.locked, i.locked_reason, i.auto_disk_config,
               i.metadata::text, i.tags, i.launched_at, i.terminated_at, i.created_at, i.updated_at, i.deleted,
               f.code, f.message, f.details, f.created_at,
               CASE WHEN i.host IS NULL THEN ''
                    WHEN s.id IS NULL THEN 'UNKNOWN'
                    WHEN s.disabled THEN 'MAINTENANCE'
                    WHEN s.forced_down OR s.last_seen_at IS NULL OR s.last_seen_at < @fresh THEN 'DOWN'
                    ELSE 'UP' END,
               s.driver_features, i.locked_by, i.system_metadata::text
        FROM instances i
        LEFT JOIN LATERAL (SELECT code, message, details, created_at FROM instance_faults
                           WHERE instance_id = i.id ORDER BY created_at DESC, id DESC LIMIT 1) f ON true
        LEFT JOIN LATERAL (SELECT id, disabled, forced_down, last_seen_at, driver_features FROM services
                           WHERE host = i.host AND topic LIKE 'compute%' ORDER BY id LIMIT 1) s ON true
        """;

    /// <summary>
    /// The live instance, or a <see cref="NotFoundException"/> (also when it belongs to another project
    /// than <paramref name="projectId"/>; pass <c>null</c> for admin access to any project).
    /// </summary>
    public async Task<InstanceRecord> GetAsync(Guid id, string? projectId, bool includeDeleted, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(Select + """
             WHERE i.id = @id AND (@project IS NULL OR i.project_id = @project) AND (@deleted OR NOT i.deleted)
            """);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.Add(new NpgsqlParameter("project", NpgsqlDbType.Text) { Value = (object?)projectId ?? DBNull.Value });
        cmd.Parameters.AddWithValue("deleted", includeDeleted);
        cmd.Parameters.AddWithValue("fresh", timeProvider.GetUtcNow() - ServiceDownTime);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? Read(reader)
            : throw new NotFoundException($"Instance {id} could not be found.");
    }

    /// <summary>One page of instances. An unknown marker is an <see cref="InvalidException"/>; so is an invalid name regex.</summary>
    public async Task<IReadOnlyList<InstanceRecord>> ListAsync(InstanceQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var markerClause = string.Empty;
        if (query.Marker is { } marker)
        {
            await using var probe = new NpgsqlCommand("SELECT 1 FROM instances WHERE id = @m AND (@p IS NULL OR project_id = @p)", connection);
            probe.Parameters.AddWithValue("m", marker);
            probe.Parameters.Add(new NpgsqlParameter("p", NpgsqlDbType.Text) { Value = (object?)query.ProjectId ?? DBNull.Value });
            if (await probe.ExecuteScalarAsync(cancellationToken) is null)
            {
                throw new InvalidException($"marker [{marker}] not found");
            }
            markerClause = "AND (i.created_at, i.id) < (SELECT created_at, id FROM instances WHERE id = @marker)";
        }
        var includeDeleted = query.Deleted ?? (query.ChangesSince is not null ? (bool?)null : false);
        var taskAny = query.TaskStates is null;
        await using var cmd = new NpgsqlCommand(Select + $"""
             WHERE (@project IS NULL OR i.project_id = @project)
               AND (@deleted IS NULL OR i.deleted = @deleted)
               AND (@name IS NULL OR i.display_name ~ @name)
               AND (@vm_states IS NULL OR i.vm_state = ANY(@vm_states))
               AND (@task_any OR i.task_state = ANY(@task_states) OR (@task_none AND i.task_state IS NULL))
               AND (@image IS NULL OR i.image_ref = @image)
               AND (@flavor IS NULL OR i.flavor_id = @flavor)
               AND (@host IS NULL OR i.host = @host)
               AND (@user IS NULL OR i.user_id = @user)
               AND (@reservation IS NULL OR i.reservation_id = @reservation)
               AND (@locked IS NULL OR i.locked = @locked)
               AND (@tags_all IS NULL OR i.tags @> @tags_all)
               AND (@tags_any IS NULL OR i.tags && @tags_any)
               AND (@not_tags IS NULL OR NOT (i.tags @> @not_tags))
               AND (@not_tags_any IS NULL OR NOT (i.tags && @not_tags_any))
               AND (@since IS NULL OR i.updated_at >= @since)
               AND (@before IS NULL OR i.updated_at <= @before)
               {markerClause}
             ORDER BY i.created_at DESC, i.id DESC
             LIMIT @limit
            """, connection);
        AddText(cmd, "project", query.ProjectId);
        cmd.Parameters.Add(new NpgsqlParameter("deleted", NpgsqlDbType.Boolean) { Value = (object?)includeDeleted ?? DBNull.Value });
        AddText(cmd, "name", query.NameRegex);
        cmd.Parameters.Add(new NpgsqlParameter("vm_states", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = (object?)query.VmStates?.ToArray() ?? DBNull.Value });
        cmd.Parameters.AddWithValue("task_any", taskAny);
        cmd.Parameters.Add(new NpgsqlParameter("task_states", NpgsqlDbType.Array | NpgsqlDbType.Text)
        {
            Value = query.TaskStates?.Where(t => t is not null).Cast<string>().ToArray() ?? [],
        });
        cmd.Parameters.AddWithValue("task_none", query.TaskStates?.Contains(null) ?? false);
        AddText(cmd, "image", query.ImageRef);
        AddText(cmd, "flavor", query.FlavorId);
        AddText(cmd, "host", query.Host);
        AddText(cmd, "user", query.UserId);
        AddText(cmd, "reservation", query.ReservationId);
        cmd.Parameters.Add(new NpgsqlParameter("locked", NpgsqlDbType.Boolean) { Value = (object?)query.Locked ?? DBNull.Value });
        InstanceTagFilter.AddParameters(cmd, query.Tags);
        cmd.Parameters.Add(new NpgsqlParameter("since", NpgsqlDbType.TimestampTz) { Value = (object?)query.ChangesSince ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("before", NpgsqlDbType.TimestampTz) { Value = (object?)query.ChangesBefore ?? DBNull.Value });
        if (query.Marker is { } m)
        {
            cmd.Parameters.AddWithValue("marker", m);
        }
        cmd.Parameters.AddWithValue("limit", query.Limit);
        cmd.Parameters.AddWithValue("fresh", timeProvider.GetUtcNow() - ServiceDownTime);
        try
        {
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
            var list = new List<InstanceRecord>();
            while (await reader.ReadAsync(cancellationToken))
            {
                list.Add(Read(reader));
            }
            return list;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidRegularExpression)
        {
            throw new InvalidException($"Invalid regular expression in the name filter: {e.MessageText}", e);
        }
    }

    private static void AddText(NpgsqlCommand cmd, string name, string? value) =>
        cmd.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });

    private static InstanceRecord Read(NpgsqlDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        DateTimeOffset? T(int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
        return new InstanceRecord
        {
            Id = r.GetGuid(0), InternalId = r.GetInt64(1), ProjectId = r.GetString(2), UserId = r.GetString(3),
            DisplayName = r.GetString(4), DisplayDescription = S(5), Hostname = S(6), FlavorId = r.GetString(7),
            FlavorJson = r.GetString(8), ImageRef = r.GetString(9), VmState = r.GetString(10), TaskState = S(11),
            PowerState = r.GetInt32(12), Host = S(13), Node = S(14), Progress = r.GetInt32(15), ReservationId = r.GetString(16),
            LaunchIndex = r.GetInt32(17), AvailabilityZone = S(18), KeyName = S(19), UserData = S(20), AccessIpV4 = S(21),
            AccessIpV6 = S(22), ConfigDrive = r.GetString(23), Locked = r.GetBoolean(24), LockedReason = S(25),
            AutoDiskConfig = r.GetBoolean(26), MetadataJson = r.GetString(27), Tags = r.GetFieldValue<string[]>(28),
            LaunchedAt = T(29), TerminatedAt = T(30), CreatedAt = r.GetFieldValue<DateTimeOffset>(31),
            UpdatedAt = r.GetFieldValue<DateTimeOffset>(32), Deleted = r.GetBoolean(33),
            Fault = r.IsDBNull(34) ? null : new InstanceFaultRecord(r.GetInt32(34), r.GetString(35), S(36), r.GetFieldValue<DateTimeOffset>(37)),
            HostStatus = r.GetString(38),
            HostFeatures = r.IsDBNull(39) ? null : r.GetFieldValue<string[]>(39),
            LockedBy = S(40),
            SystemMetadataJson = r.GetString(41),
        };
    }
}
