using System.Diagnostics;
using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Data;
using ControlPlane.ImageStore.Logging;
using ControlPlane.ImageStore.Options;
using ControlPlane.ImageStore.Storage;
using Microsoft.Extensions.Options;

namespace ControlPlane.ImageStore.Images;

/// <summary>
/// Image data in and out. An upload moves the image queued -> saving, streams the body into the
/// store (hashing as it writes) and activates the image only once the data is complete and durable;
/// any failure (client gone, size cap, quota, disk) kills the image and leaves no partial bytes.
/// </summary>
public sealed class ImageDataService(
    ImageService images,
    ImageRepository repository,
    IImageStore store,
    IOptions<ImageStoreOptions> options,
    TimeProvider timeProvider,
    ILogger<ImageDataService> logger)
{
    private static readonly string[] Saving = [ImageStatus.Saving];

    /// <summary>Uploads <paramref name="body"/> as the image's data and returns the activated image.</summary>
    /// <param name="id">Image id.</param>
    /// <param name="body">The request body.</param>
    /// <param name="contentLength">Declared length (null when chunked).</param>
    /// <param name="caller">The caller (owner or admin).</param>
    /// <param name="cancellationToken">Aborted when the client goes away.</param>
    public async Task<Image> UploadAsync(Guid id, Stream body, long? contentLength, ImageCaller caller, CancellationToken cancellationToken)
    {
        var (image, isMember) = await images.GetVisibleAsync(id, caller, cancellationToken);
        ImageAccessPolicy.EnsureCanModify(caller, image, isMember);
        if (image.Status != ImageStatus.Queued)
        {
            throw new ConflictException($"Image status transition from {image.Status} to saving is not allowed");
        }

        var limit = await LimitForAsync(image.Owner, cancellationToken);
        if (contentLength > limit)
        {
            throw new PayloadTooLargeException($"Image size {contentLength} exceeds the limit of {limit} bytes.");
        }
        if (!await repository.StartUploadAsync(id, store.Identity, timeProvider.GetUtcNow(), cancellationToken))
        {
            throw new ConflictException($"Image {id} is no longer queued; another upload may have started.");
        }

        ImageStoreLog.UploadStarted(logger, id, contentLength, limit);
        var started = Stopwatch.GetTimestamp();
        StoredImageData data;
        try
        {
            data = await store.WriteAsync(id, body, limit, cancellationToken);
            if (contentLength is { } declared && declared != data.Size)
            {
                store.Delete(id);
                throw new InvalidException($"Received {data.Size} bytes but Content-Length declared {declared}.");
            }
        }
        catch (Exception ex)
        {
            // The store already removed its partial file; the image can never become active now.
            await repository.TransitionAsync(id, Saving, ImageStatus.Killed, timeProvider.GetUtcNow(), CancellationToken.None);
            ImageStoreLog.UploadFailed(logger, id, ex);
            throw;
        }

        if (!await repository.CompleteUploadAsync(id, data, timeProvider.GetUtcNow(), CancellationToken.None))
        {
            store.Delete(id);
            var current = await repository.GetAsync(id, caller.ProjectId, CancellationToken.None);
            var status = current?.Image.Status ?? ImageStatus.Deleted;
            ImageStoreLog.UploadLostRace(logger, id, status);
            throw status == ImageStatus.Deleted
                ? new NotFoundException($"Image {id} was deleted during the upload.")
                : new ConflictException($"Image {id} changed to {status} during the upload.");
        }
        ImageStoreLog.UploadCompleted(logger, id, data.Size, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return await images.GetAsync(id, caller, CancellationToken.None);
    }

    /// <summary>The image and a stream of its data, or a null stream while it has none (204).</summary>
    public async Task<(Image Image, Stream? Data)> OpenAsync(Guid id, ImageCaller caller, CancellationToken cancellationToken)
    {
        var image = await images.GetAsync(id, caller, cancellationToken);
        ImageAccessPolicy.EnsureCanDownload(caller, image);
        if (!image.HasData || image.Status is not (ImageStatus.Active or ImageStatus.Deactivated))
        {
            return (image, null);
        }
        return (image, store.OpenRead(id));
    }

    private async Task<long> LimitForAsync(string owner, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (o.UserStorageQuota <= 0)
        {
            return o.ImageSizeCap;
        }
        var remaining = o.UserStorageQuota - await repository.UsageAsync(owner, cancellationToken);
        if (remaining <= 0)
        {
            throw new PayloadTooLargeException($"Denying attempt to upload image because it exceeds the storage quota of {o.UserStorageQuota} bytes.");
        }
        return Math.Min(o.ImageSizeCap, remaining);
    }
}
