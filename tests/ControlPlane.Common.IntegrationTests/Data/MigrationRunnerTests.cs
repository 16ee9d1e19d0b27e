using ControlPlane.Common.IntegrationTests.Infrastructure;
using ControlPlane.Data.DependencyInjection;
using ControlPlane.Data.Migrations;
using Npgsql;

namespace ControlPlane.Common.IntegrationTests.Data;

[Trait("Category", "Integration")]
public sealed class MigrationRunnerTests
{
    private static readonly System.Reflection.Assembly Assembly = typeof(MigrationRunner).Assembly;

    [Fact]
    public async Task Five_racing_runners_apply_each_migration_exactly_once()
    {
        await using var db = await ThrowawayDatabase.CreateAsync();
        var expected = MigrationRunner.Discover(Assembly, DataServiceCollectionExtensions.ControlPlaneResourcePrefix);
        var sources = Enumerable.Range(0, 5).Select(_ => db.CreateDataSource()).ToList();
        try
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var runs = sources.Select(async s =>
            {
                await start.Task;
                return await new MigrationRunner(s).ApplyAsync(Assembly, DataServiceCollectionExtensions.ControlPlaneResourcePrefix);
            }).ToList();
            start.SetResult();
            var applied = await Task.WhenAll(runs).WithinAsync("5 migration runners", TimeSpan.FromSeconds(60));

            // The scripts are plain CREATE TABLE: applying one twice would have failed a runner.
            Assert.Equal(expected.Count, applied.Sum());
            await using var cmd = sources[0].CreateCommand("SELECT version, name FROM schema_migrations ORDER BY version");
            await using var reader = await cmd.ExecuteReaderAsync();
            var recorded = new List<(int, string)>();
            while (await reader.ReadAsync())
            {
                recorded.Add((reader.GetInt32(0), reader.GetString(1)));
            }
            Assert.Equal(expected.Select(e => (e.Version, e.Name)), recorded);
            Assert.Equal(0, await new MigrationRunner(sources[0]).ApplyAsync(Assembly, DataServiceCollectionExtensions.ControlPlaneResourcePrefix));
        }
        finally
        {
            foreach (var s in sources)
            {
                await s.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_failing_migration_leaves_nothing_behind_and_names_itself()
    {
        await using var db = await ThrowawayDatabase.CreateAsync();
        await using var source = db.CreateDataSource();
        await using (var cmd = source.CreateCommand("CREATE TABLE instances (id uuid PRIMARY KEY)"))
        {
            await cmd.ExecuteNonQueryAsync(); // makes 001_initial.sql fail half-way
        }

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new MigrationRunner(source).ApplyAsync(Assembly, DataServiceCollectionExtensions.ControlPlaneResourcePrefix));

        Assert.StartsWith("Migration 001_initial.sql failed:", e.Message);
        await using var check = source.CreateCommand("SELECT count(*) FROM schema_migrations");
        Assert.Equal(0L, await check.ExecuteScalarAsync());
        await using var projects = source.CreateCommand("SELECT to_regclass('projects') IS NULL");
        Assert.Equal(true, await projects.ExecuteScalarAsync()); // tables created before the failure were rolled back
        await using var locks = source.CreateCommand("SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE l.locktype = 'advisory' AND d.datname = current_database()");
        Assert.Equal(0L, await locks.ExecuteScalarAsync());
    }
}
