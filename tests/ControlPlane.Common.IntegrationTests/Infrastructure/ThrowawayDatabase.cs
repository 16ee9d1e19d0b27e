using Npgsql;

namespace ControlPlane.Common.IntegrationTests.Infrastructure;

/// <summary>A fresh, uniquely named PostgreSQL database for one test, dropped at dispose.</summary>
public sealed class ThrowawayDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private ThrowawayDatabase(string adminConnectionString, string name, string connectionString)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = connectionString;
    }

    /// <summary>The database name.</summary>
    public string Name { get; }

    /// <summary>Connection string to it.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates <c>cp_itest_&lt;uuid&gt;</c> with the controlplane role (which may create databases).</summary>
    public static async Task<ThrowawayDatabase> CreateAsync()
    {
        var admin = TestEnvironment.Postgres;
        var name = "cp_itest_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await cmd.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new ThrowawayDatabase(admin, name, builder.ConnectionString);
    }

    /// <summary>A data source on the database (the caller disposes it).</summary>
    public NpgsqlDataSource CreateDataSource(int maxPoolSize = 20) =>
        new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(ConnectionString) { MaxPoolSize = maxPoolSize }.ConnectionString).Build();

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await cmd.ExecuteNonQueryAsync();
    }
}
