using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Images;
using Npgsql;

namespace ControlPlane.ImageStore.Data;

/// <summary>The <c>image_members</c> table.</summary>
public sealed class ImageMemberRepository(NpgsqlDataSource dataSource)
{
    private const string Columns = "image_id, member, status, created_at, updated_at";

    /// <summary>Adds a pending member; 409 when it already is one, 413 past the member quota.</summary>
    public async Task AddAsync(ImageMember member, CancellationToken cancellationToken)
    {
        // The count and the insert are one statement, so concurrent adds cannot exceed the quota.
        var sql = $"""
            INSERT INTO image_members ({Columns})
            SELECT @image, @member, @status, @created, @updated
            WHERE (SELECT count(*) FROM image_members WHERE image_id = @image) < @max
            """;
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("image", member.ImageId);
        cmd.Parameters.AddWithValue("member", member.MemberId);
        cmd.Parameters.AddWithValue("status", member.Status);
        cmd.Parameters.AddWithValue("created", member.CreatedAt);
        cmd.Parameters.AddWithValue("updated", member.UpdatedAt);
        cmd.Parameters.AddWithValue("max", (long)ImageMember.MaxMembers);
        try
        {
            if (await cmd.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                throw new PayloadTooLargeException($"Image {member.ImageId} already has the maximum of {ImageMember.MaxMembers} members.");
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new ConflictException($"Member {member.MemberId} already exists for image {member.ImageId}.", ex);
        }
    }

    /// <summary>Members of an image (all of them, or only <paramref name="onlyMember"/>).</summary>
    public async Task<IReadOnlyList<ImageMember>> ListAsync(Guid imageId, string? onlyMember, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(
            $"SELECT {Columns} FROM image_members WHERE image_id = @image AND (@only::text IS NULL OR member = @only) ORDER BY created_at, member");
        cmd.Parameters.AddWithValue("image", imageId);
        cmd.Parameters.Add(new NpgsqlParameter("only", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)onlyMember ?? DBNull.Value });
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var members = new List<ImageMember>();
        while (await reader.ReadAsync(cancellationToken))
        {
            members.Add(new ImageMember(reader.GetGuid(0), reader.GetString(1), reader.GetString(2),
                reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }
        return members;
    }

    /// <summary>Sets a member's status; false when it is not a member.</summary>
    public async Task<bool> SetStatusAsync(Guid imageId, string memberId, string status, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(
            "UPDATE image_members SET status = @status, updated_at = @now WHERE image_id = @image AND member = @member");
        cmd.Parameters.AddWithValue("image", imageId);
        cmd.Parameters.AddWithValue("member", memberId);
        cmd.Parameters.AddWithValue("status", status);
        cmd.Parameters.AddWithValue("now", now);
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Removes a member; false when it was not one.</summary>
    public async Task<bool> RemoveAsync(Guid imageId, string memberId, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("DELETE FROM image_members WHERE image_id = @image AND member = @member");
        cmd.Parameters.AddWithValue("image", imageId);
        cmd.Parameters.AddWithValue("member", memberId);
        return await cmd.ExecuteNonQueryAsync(cancellationToken) == 1;
    }
}
