using ControlPlane.Data.Migrations;
using ControlPlane.ImageStore.Logging;
using ControlPlane.ImageStore.Options;
using Microsoft.Extensions.Options;

namespace ControlPlane.ImageStore.Data;

/// <summary>Applies the embedded <c>imagestore</c> migrations before the service accepts requests.</summary>
public sealed class ImageStoreMigrationService(
    MigrationRunner runner,
    IOptions<ImageStoreOptions> options,
    ILogger<ImageStoreMigrationService> logger) : IHostedService
{
    /// <summary>Resource name prefix of the embedded migrations (see the csproj).</summary>
    public const string ResourcePrefix = "imagestore.sql.";

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ApplyMigrations)
        {
            return;
        }
        var applied = await runner.ApplyAsync(typeof(ImageStoreMigrationService).Assembly, ResourcePrefix, cancellationToken);
        ImageStoreLog.MigrationsApplied(logger, applied);
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
