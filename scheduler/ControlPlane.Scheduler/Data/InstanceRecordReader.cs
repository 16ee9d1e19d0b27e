using ControlPlane.Domain.Flavors;
using ControlPlane.Scheduler.Grains.Capacity;
using Npgsql;

namespace ControlPlane.Scheduler.Data;

/// <summary>Reads <see cref="InstanceRecord"/>s: the shared column list and row mapping.</summary>
internal static class InstanceRecordReader
{
    /// <summary>Columns in the order <see cref="Read"/> expects.</summary>
    public const string Columns = """
        id, internal_id, project_id, user_id, display_name, flavor::text, image_ref,
        vm_state, task_state, power_state, host, attempts, tried_hosts, deleted, launched_at, auto_disk_config, system_metadata::text
        """;

    /// <summary>Maps the current row of <paramref name="reader"/>.</summary>
    public static InstanceRecord Read(NpgsqlDataReader reader) => new InstanceRecord(
        reader.GetGuid(0),
        reader.GetInt64(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        FlavorCopy.Parse(reader.GetString(5)),
        reader.GetString(6),
        reader.GetString(7),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.GetInt32(9),
        reader.IsDBNull(10) ? null : reader.GetString(10),
        reader.GetInt32(11),
        reader.GetFieldValue<string[]>(12),
        reader.GetBoolean(13),
        reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14),
        reader.GetString(16))
    {
        FlavorJson = reader.GetString(5),
        AutoDiskConfig = reader.GetBoolean(15),
    };
}
