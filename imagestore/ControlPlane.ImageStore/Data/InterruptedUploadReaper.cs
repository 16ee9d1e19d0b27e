using ControlPlane.ImageStore.Logging;
using ControlPlane.ImageStore.Storage;

namespace ControlPlane.ImageStore.Data;

/// <summary>
/// At start, before any request: uploads into this store that a crash of this service interrupted
/// (images still <c>saving</c> with this store's identity) are killed and their partial bytes
/// removed, so no image stays <c>saving</c> forever. Uploads into other stores (other instances)
/// are left alone.
/// </summary>
public sealed class InterruptedUploadReaper(
    ImageRepository repository,
    IImageStore store,
    TimeProvider timeProvider,
    ILogger<InterruptedUploadReaper> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var files = store.RemovePartialData();
        var killed = await repository.KillInterruptedUploadsAsync(store.Identity, timeProvider.GetUtcNow(), cancellationToken);
        foreach (var id in killed)
        {
            store.Delete(id);
        }
        if (killed.Count > 0 || files > 0)
        {
            ImageStoreLog.InterruptedUploadsKilled(logger, killed.Count, files);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
