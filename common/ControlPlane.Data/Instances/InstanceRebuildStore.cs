using ControlPlane.Domain.Errors;
using Npgsql;
using NpgsqlTypes;

namespace ControlPlane.Data.Instances;

/// <summary>Writes the fields of a rebuild (<see cref="InstanceRebuild"/>) onto a live instance.</summary>
public sealed class InstanceRebuildStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    /// <summary>
    /// Writes <paramref name="fields"/> when the instance's task state is <paramref name="expectedTaskState"/> (the rebuild's,
    /// so a rebuild that lost its task state writes nothing), or whatever it is when that is null (the undo of a rebuild
    /// whose cast failed). 409 (<see cref="ConflictException"/>) when the task state differs, 404 when the instance is gone.
    /// </summary>
    public async Task ApplyAsync(Guid id, InstanceRebuild fields, string? expectedTaskState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fields);
        const string sql = """
            UPDATE instances SET image_ref = @image, display_name = @name, metadata = @metadata::jsonb,
                display_description = @desc, user_data = @user_data, access_ip_v4 = @ip4, access_ip_v6 = @ip6,
                auto_disk_config = @auto_disk,
                key_name = CASE WHEN @set_key THEN @key_name ELSE key_name END,
                key_data = CASE WHEN @set_key THEN @key_data ELSE key_data END,
                updated_at = @now
            WHERE id = @id AND NOT deleted AND (@any_task OR task_state = @expected)
            """;
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("image", fields.ImageRef);
        cmd.Parameters.AddWithValue("name", fields.DisplayName);
        cmd.Parameters.AddWithValue("metadata", fields.MetadataJson);
        Text(cmd, "desc", fields.Description);
        Text(cmd, "user_data", fields.UserData);
        Text(cmd, "ip4", fields.AccessIpV4);
        Text(cmd, "ip6", fields.AccessIpV6);
        cmd.Parameters.AddWithValue("auto_disk", fields.AutoDiskConfig);
        cmd.Parameters.AddWithValue("set_key", fields.SetKey);
        Text(cmd, "key_name", fields.KeyName);
        Text(cmd, "key_data", fields.KeyData);
        cmd.Parameters.AddWithValue("now", timeProvider.GetUtcNow());
        cmd.Parameters.AddWithValue("any_task", expectedTaskState is null);
        Text(cmd, "expected", expectedTaskState);
        if (await cmd.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new ConflictException($"Instance {id} is no longer being rebuilt; the rebuild was not applied.");
        }
    }

    private static void Text(NpgsqlCommand cmd, string name, string? value) =>
        cmd.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value });
}
