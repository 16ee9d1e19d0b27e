using System.Text.Json;
using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Images;
using ControlPlane.ImageStore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace ControlPlane.ImageStore.Data;

/// <summary>
/// The <c>images</c> table. Status changes are compare-and-set on the expected status in one
/// UPDATE, so an upload, a delete and a deactivate racing each other never overwrite one another.
/// </summary>
public sealed class ImageRepository(NpgsqlDataSource dataSource)
{
    /// <summary>Inserts a new image; 409 when the id is taken (even by a deleted image, as Glance).</summary>
    public async Task InsertAsync(Image image, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO images (id, name, status, visibility, protected, os_hidden, min_ram, min_disk, owner,
                                container_format, disk_format, tags, properties, created_at, updated_at)
            VALUES (@id, @name, @status, @visibility, @protected, @os_hidden, @min_ram, @min_disk, @owner,
                    @container_format, @disk_format, @tags, @properties::jsonb, @created_at, @updated_at)
            """;
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("id", image.Id);
        cmd.Parameters.AddWithValue("status", image.Status);
        cmd.Parameters.AddWithValue("created_at", image.CreatedAt);
        AddMutable(cmd, image);
        try
        {
            await cmd.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new ConflictException($"An image with identifier {image.Id} already exists", ex);
        }
    }

    /// <summary>The image (not deleted) and whether <paramref name="projectId"/> is one of its members; null when absent.</summary>
    public async Task<(Image Image, bool IsMember)?> GetAsync(Guid id, string projectId, CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT {ImageRowReader.Columns},
                   EXISTS (SELECT 1 FROM image_members m WHERE m.image_id = i.id AND m.member = @project)
            FROM images i WHERE i.id = @id AND i.status <> 'deleted'
            """;
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("project", projectId);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        return (ImageRowReader.Read(reader), reader.GetBoolean(ImageRowReader.Count));
    }

    /// <summary>Runs a listing built by <see cref="ImageListSqlBuilder"/>.</summary>
    public async Task<IReadOnlyList<Image>> ListAsync(SqlQuery query, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(query.Text);
        cmd.Parameters.AddRange(query.Parameters.Select(p => p.Clone()).ToArray());
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var images = new List<Image>();
        while (await reader.ReadAsync(cancellationToken))
        {
            images.Add(ImageRowReader.Read(reader));
        }
        return images;
    }

    /// <summary>Saves the user-changeable attributes if the image is still in <paramref name="expectedStatus"/>; false otherwise.</summary>
    public async Task<bool> UpdateMetadataAsync(Image image, string expectedStatus, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE images SET name = @name, visibility = @visibility, protected = @protected, os_hidden = @os_hidden,
                   min_ram = @min_ram, min_disk = @min_disk, owner = @owner, container_format = @container_format,
                   disk_format = @disk_format, tags = @tags, properties = @properties::jsonb, updated_at = @updated_at
            WHERE id = @id AND status = @expected
            """;
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("id", image.Id);
        cmd.Parameters.AddWithValue("expected", expectedStatus);
        AddMutable(cmd, image);
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Moves the image from one of <paramref name="from"/> to <paramref name="to"/>; false when it was in another status.</summary>
    public async Task<bool> TransitionAsync(Guid id, IReadOnlyCollection<string> from, string to, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(
            "UPDATE images SET status = @to, updated_at = @now WHERE id = @id AND status = ANY(@from)");
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("to", to);
        cmd.Parameters.AddWithValue("now", now);
        cmd.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = from.ToArray() });
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>queued -> saving, recording which store receives the data; false when not queued.</summary>
    public async Task<bool> StartUploadAsync(Guid id, string store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(
            "UPDATE images SET status = 'saving', upload_store = @store, updated_at = @now WHERE id = @id AND status = 'queued'");
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("store", store);
        cmd.Parameters.AddWithValue("now", now);
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Kills every image still <c>saving</c> into <paramref name="store"/>; returns their ids.</summary>
    public async Task<IReadOnlyList<Guid>> KillInterruptedUploadsAsync(string store, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(
            "UPDATE images SET status = 'killed', updated_at = @now WHERE status = 'saving' AND upload_store = @store RETURNING id");
        cmd.Parameters.AddWithValue("store", store);
        cmd.Parameters.AddWithValue("now", now);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var ids = new List<Guid>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetGuid(0));
        }
        return ids;
    }

    /// <summary>Records the uploaded data and activates the image, if it is still <c>saving</c>.</summary>
    public async Task<bool> CompleteUploadAsync(Guid id, StoredImageData data, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string sql = """
            UPDATE images SET status = 'active', size = @size, checksum = @checksum, os_hash_algo = @algo,
                   os_hash_value = @hash, has_data = true, updated_at = @now
            WHERE id = @id AND status = 'saving'
            """;
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("size", data.Size);
        cmd.Parameters.AddWithValue("checksum", data.Md5Hex);
        cmd.Parameters.AddWithValue("algo", StoredImageData.HashAlgorithm);
        cmd.Parameters.AddWithValue("hash", data.Sha512Hex);
        cmd.Parameters.AddWithValue("now", now);
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Marks the image deleted unless it is protected or already deleted; false when nothing changed.</summary>
    public async Task<bool> MarkDeletedAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(
            "UPDATE images SET status = 'deleted', deleted_at = @now, updated_at = @now WHERE id = @id AND status <> 'deleted' AND NOT protected");
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("now", now);
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Bytes of image data a project stores (active, deactivated and saving images).</summary>
    public async Task<long> UsageAsync(string owner, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT COALESCE(SUM(size), 0)::bigint FROM images WHERE owner = @owner AND status IN ('active', 'deactivated', 'saving')");
        cmd.Parameters.AddWithValue("owner", owner);
        return (long)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    private static void AddMutable(NpgsqlCommand cmd, Image image)
    {
        cmd.Parameters.Add(new NpgsqlParameter("name", NpgsqlDbType.Text) { Value = (object?)image.Name ?? DBNull.Value });
        cmd.Parameters.AddWithValue("visibility", image.Visibility);
        cmd.Parameters.AddWithValue("protected", image.Protected);
        cmd.Parameters.AddWithValue("os_hidden", image.OsHidden);
        cmd.Parameters.AddWithValue("min_ram", image.MinRam);
        cmd.Parameters.AddWithValue("min_disk", image.MinDisk);
        cmd.Parameters.AddWithValue("owner", image.Owner);
        cmd.Parameters.Add(new NpgsqlParameter("container_format", NpgsqlDbType.Text) { Value = (object?)image.ContainerFormat ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("disk_format", NpgsqlDbType.Text) { Value = (object?)image.DiskFormat ?? DBNull.Value });
        cmd.Parameters.Add(new NpgsqlParameter("tags", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = image.Tags.ToArray() });
        cmd.Parameters.AddWithValue("properties", JsonSerializer.Serialize(image.Properties));
        cmd.Parameters.AddWithValue("updated_at", image.UpdatedAt);
    }
}
