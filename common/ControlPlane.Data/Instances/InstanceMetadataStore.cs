using Npgsql;
using NpgsqlTypes;

namespace ControlPlane.Data.Instances;

/// <summary>
/// Writes of an instance's metadata and tags (Nova's <c>server_metadata</c> and <c>server_tags</c>), each one UPDATE that is
/// a compare-and-set on the instance's state (<see cref="InstanceEditGuard"/>) and checks its limit in the same statement,
/// so two concurrent writers cannot both pass a limit. A write that matched no row returns <c>null</c> (or false) and
/// changes nothing; the caller reads the instance again to say why (gone, state, lock, limit, missing key).
/// </summary>
public sealed class InstanceMetadataStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
{
    private const string Guard = """
        id = @id AND NOT deleted AND task_state IS NULL AND vm_state = ANY(@states) AND (NOT locked OR @admin)
        """;

    /// <summary>
    /// Merges <paramref name="items"/> into the metadata (or replaces it all when <paramref name="replace"/>) when the result
    /// has at most the project's <c>metadata_items</c> quota (its row in <c>quotas</c>, else <paramref name="defaultLimit"/>;
    /// negative = unlimited) items. Returns the metadata after (JSON object text), or null when nothing was written.
    /// </summary>
    public async Task<string?> SetMetadataAsync(Guid id, string itemsJson, bool replace, int defaultLimit, InstanceEditGuard guard, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(guard);
        var sql = $"""
            UPDATE instances SET metadata = CASE WHEN @replace THEN @items::jsonb ELSE metadata || @items::jsonb END, updated_at = @now
            WHERE {Guard}
              AND (SELECT count(*) FROM jsonb_object_keys(CASE WHEN @replace THEN @items::jsonb ELSE metadata || @items::jsonb END))
                  <= COALESCE((SELECT CASE WHEN q.hard_limit < 0 THEN 2147483647 ELSE q.hard_limit END FROM quotas q
                                WHERE q.project_id = instances.project_id AND q.resource = 'metadata_items'),
                              CASE WHEN @limit < 0 THEN 2147483647 ELSE @limit END)
            RETURNING metadata::text
            """;
        await using var cmd = Command(sql, id, guard);
        cmd.Parameters.AddWithValue("items", itemsJson);
        cmd.Parameters.AddWithValue("replace", replace);
        cmd.Parameters.AddWithValue("limit", defaultLimit);
        return await cmd.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>The project's <c>metadata_items</c> quota (negative = unlimited).</summary>
    public async Task<int> MetadataLimitAsync(string projectId, int defaultLimit, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("SELECT hard_limit FROM quotas WHERE project_id = @p AND resource = 'metadata_items'");
        cmd.Parameters.AddWithValue("p", projectId);
        return await cmd.ExecuteScalarAsync(cancellationToken) is int limit ? limit : defaultLimit;
    }

    /// <summary>Removes metadata key <paramref name="key"/>; false when nothing was written (no such key, or the guard failed).</summary>
    public async Task<bool> DeleteMetadataAsync(Guid id, string key, InstanceEditGuard guard, CancellationToken cancellationToken)
    {
        await using var cmd = Command($"UPDATE instances SET metadata = metadata - @key, updated_at = @now WHERE {Guard} AND metadata ? @key", id, guard);
        cmd.Parameters.AddWithValue("key", key);
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Replaces all tags (at most <paramref name="limit"/>, checked by the caller); false when the guard failed.</summary>
    public async Task<bool> ReplaceTagsAsync(Guid id, IReadOnlyList<string> tags, InstanceEditGuard guard, CancellationToken cancellationToken)
    {
        await using var cmd = Command($"UPDATE instances SET tags = @tags, updated_at = @now WHERE {Guard}", id, guard);
        cmd.Parameters.Add(new NpgsqlParameter("tags", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = tags.ToArray() });
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Adds <paramref name="tag"/> unless present, when the instance then has at most <paramref name="limit"/> tags.
    /// Returns true when added, false when it was already there, null when nothing was written (guard or limit).</summary>
    public async Task<bool?> AddTagAsync(Guid id, string tag, int limit, InstanceEditGuard guard, CancellationToken cancellationToken)
    {
        var sql = $"""
            WITH old AS (SELECT tags FROM instances WHERE id = @id FOR UPDATE)
            UPDATE instances SET tags = CASE WHEN @tag = ANY(old.tags) THEN old.tags ELSE array_append(old.tags, @tag) END, updated_at = @now
            FROM old
            WHERE {Guard.Replace("id = @id", "instances.id = @id", StringComparison.Ordinal)}
              AND (@tag = ANY(old.tags) OR cardinality(old.tags) < @limit)
            RETURNING NOT (@tag = ANY(old.tags))
            """;
        await using var cmd = Command(sql, id, guard);
        cmd.Parameters.AddWithValue("tag", tag);
        cmd.Parameters.AddWithValue("limit", limit);
        return await cmd.ExecuteScalarAsync(cancellationToken) as bool?;
    }

    /// <summary>Removes <paramref name="tag"/>; false when nothing was written (no such tag, or the guard failed).</summary>
    public async Task<bool> DeleteTagAsync(Guid id, string tag, InstanceEditGuard guard, CancellationToken cancellationToken)
    {
        await using var cmd = Command($"UPDATE instances SET tags = array_remove(tags, @tag), updated_at = @now WHERE {Guard} AND @tag = ANY(tags)", id, guard);
        cmd.Parameters.AddWithValue("tag", tag);
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private NpgsqlCommand Command(string sql, Guid id, InstanceEditGuard guard)
    {
        var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.Add(new NpgsqlParameter("states", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = guard.VmStates.ToArray() });
        cmd.Parameters.AddWithValue("admin", guard.IgnoreLock);
        cmd.Parameters.AddWithValue("now", timeProvider.GetUtcNow());
        return cmd;
    }
}
