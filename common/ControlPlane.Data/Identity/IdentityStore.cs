using Npgsql;

namespace ControlPlane.Data.Identity;

/// <summary>Reads and writes the identity tables (projects, users, roles, role assignments, revoked tokens).</summary>
public sealed class IdentityStore(NpgsqlDataSource dataSource)
{
    /// <summary>The user named <paramref name="name"/> in <paramref name="domainId"/>, or <c>null</c>.</summary>
    public Task<UserRecord?> FindUserByNameAsync(string domainId, string name, CancellationToken cancellationToken) =>
        QueryUserAsync("SELECT id, name, domain_id, password_hash, default_project_id, enabled FROM users WHERE domain_id = @a AND name = @b",
            domainId, name, cancellationToken);

    /// <summary>The user with id <paramref name="id"/>, or <c>null</c>.</summary>
    public Task<UserRecord?> FindUserByIdAsync(string id, CancellationToken cancellationToken) =>
        QueryUserAsync("SELECT id, name, domain_id, password_hash, default_project_id, enabled FROM users WHERE id = @a AND @b = @b",
            id, string.Empty, cancellationToken);

    /// <summary>The project named <paramref name="name"/> in <paramref name="domainId"/>, or <c>null</c>.</summary>
    public Task<ProjectRecord?> FindProjectByNameAsync(string domainId, string name, CancellationToken cancellationToken) =>
        QueryProjectAsync("SELECT id, name, domain_id, enabled FROM projects WHERE domain_id = @a AND name = @b", domainId, name, cancellationToken);

    /// <summary>The project with id <paramref name="id"/>, or <c>null</c>.</summary>
    public Task<ProjectRecord?> FindProjectByIdAsync(string id, CancellationToken cancellationToken) =>
        QueryProjectAsync("SELECT id, name, domain_id, enabled FROM projects WHERE id = @a AND @b = @b", id, string.Empty, cancellationToken);

    /// <summary>Role names (sorted) the user holds on the project; empty when none.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> GetRolesAsync(string userId, string projectId, CancellationToken cancellationToken)
    {
        const string sql = """
            SELECT r.id, r.name FROM role_assignments a JOIN roles r ON r.id = a.role_id
            WHERE a.user_id = @u AND a.project_id = @p ORDER BY r.name
            """;
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("u", userId);
        cmd.Parameters.AddWithValue("p", projectId);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        var roles = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            roles.Add((reader.GetString(0), reader.GetString(1)));
        }
        return roles;
    }

    /// <summary>True when the token id was revoked.</summary>
    public async Task<bool> IsRevokedAsync(string tokenId, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand("SELECT 1 FROM revoked_tokens WHERE token_id = @t");
        cmd.Parameters.AddWithValue("t", tokenId);
        return await cmd.ExecuteScalarAsync(cancellationToken) is not null;
    }

    /// <summary>Records a revocation (idempotent) and prunes revocations of tokens expired before <paramref name="now"/>.</summary>
    public async Task RevokeAsync(string tokenId, DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO revoked_tokens (token_id, expires_at) VALUES (@t, @e) ON CONFLICT (token_id) DO NOTHING;
            DELETE FROM revoked_tokens WHERE expires_at < @now;
            """;
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("t", tokenId);
        cmd.Parameters.AddWithValue("e", expiresAt);
        cmd.Parameters.AddWithValue("now", now);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Creates the project when missing; returns its id (existing or new).</summary>
    public async Task<string> EnsureProjectAsync(string id, string name, string domainId, CancellationToken cancellationToken)
    {
        const string sql = """
            WITH ins AS (INSERT INTO projects (id, name, domain_id) VALUES (@id, @n, @d) ON CONFLICT DO NOTHING RETURNING id)
            SELECT id FROM ins UNION ALL SELECT id FROM projects WHERE domain_id = @d AND name = @n LIMIT 1
            """;
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("n", name);
        cmd.Parameters.AddWithValue("d", domainId);
        return (string)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Creates the user when missing (an existing user's password is left alone); returns its id.</summary>
    public async Task<string> EnsureUserAsync(string id, string name, string domainId, string passwordHash, string defaultProjectId, CancellationToken cancellationToken)
    {
        const string sql = """
            WITH ins AS (INSERT INTO users (id, name, domain_id, password_hash, default_project_id)
                         VALUES (@id, @n, @d, @h, @p) ON CONFLICT DO NOTHING RETURNING id)
            SELECT id FROM ins UNION ALL SELECT id FROM users WHERE domain_id = @d AND name = @n LIMIT 1
            """;
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("n", name);
        cmd.Parameters.AddWithValue("d", domainId);
        cmd.Parameters.AddWithValue("h", passwordHash);
        cmd.Parameters.AddWithValue("p", defaultProjectId);
        return (string)(await cmd.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>Creates the role when missing and assigns it to the user on the project (idempotent).</summary>
    public async Task EnsureAssignmentAsync(string userId, string projectId, string roleId, string roleName, CancellationToken cancellationToken)
    {
        const string sql = """
            INSERT INTO roles (id, name) VALUES (@rid, @rn) ON CONFLICT DO NOTHING;
            INSERT INTO role_assignments (user_id, project_id, role_id)
                SELECT @u, @p, id FROM roles WHERE name = @rn ON CONFLICT DO NOTHING;
            """;
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("rid", roleId);
        cmd.Parameters.AddWithValue("rn", roleName);
        cmd.Parameters.AddWithValue("u", userId);
        cmd.Parameters.AddWithValue("p", projectId);
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<UserRecord?> QueryUserAsync(string sql, string a, string b, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("a", a);
        cmd.Parameters.AddWithValue("b", b);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new UserRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetBoolean(5))
            : null;
    }

    private async Task<ProjectRecord?> QueryProjectAsync(string sql, string a, string b, CancellationToken cancellationToken)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue("a", a);
        cmd.Parameters.AddWithValue("b", b);
        await using var reader = await cmd.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ProjectRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetBoolean(3))
            : null;
    }
}
