using ControlPlane.Data.Configuration;
using ControlPlane.Data.DependencyInjection;
using ControlPlane.Data.Migrations;

namespace ControlPlane.Common.UnitTests.Data;

public sealed class MigrationDiscoveryTests
{
    [Fact]
    public void Controlplane_migrations_are_embedded_in_numeric_order_with_unique_versions()
    {
        var scripts = MigrationRunner.Discover(typeof(MigrationRunner).Assembly, DataServiceCollectionExtensions.ControlPlaneResourcePrefix);

        Assert.NotEmpty(scripts);
        Assert.Equal(1, scripts[0].Version);
        Assert.Equal("001_initial.sql", scripts[0].Name);
        Assert.Equal(scripts.Select(s => s.Version).Order(), scripts.Select(s => s.Version));
        Assert.Equal(scripts.Count, scripts.Select(s => s.Version).Distinct().Count());
    }

    [Fact]
    public void An_unknown_prefix_finds_nothing()
    {
        Assert.Empty(MigrationRunner.Discover(typeof(MigrationRunner).Assembly, "nothing.here."));
    }

    [Theory]
    [InlineData(null, "ConnectionStrings:cs is required")]
    [InlineData("Host=x;NotAKeyword=1", "not a valid Npgsql connection string")]
    public void Database_options_need_a_valid_connection_string(string? connectionString, string expected)
    {
        var validator = new PostgresDatabaseOptionsValidator("db", "cs");

        var result = validator.Validate("db", new PostgresDatabaseOptions { ConnectionString = connectionString });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage);
        Assert.True(validator.Validate("other", new PostgresDatabaseOptions()).Skipped);
        Assert.True(validator.Validate("db", new PostgresDatabaseOptions { ConnectionString = "Host=127.0.0.1;Database=db" }).Succeeded);
    }
}
