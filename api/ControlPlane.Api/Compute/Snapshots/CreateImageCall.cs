using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.Images;
using ControlPlane.Compute.Rpc;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.Snapshots;

/// <summary>
/// One <c>createImage</c> (Nova's <c>compute/api.py snapshot</c>): the image record is created first (queued,
/// with the user's token), then the runner starts the action (none → image_snapshot_pending) and this casts
/// <c>snapshot_instance</c>. When the snapshot cannot start (lost compare-and-set, failed cast) the image
/// record is deleted again.
/// </summary>
public sealed class CreateImageCall(CreateImageRequest request, ImageServiceClient images, ComputeRpcClient compute, ILogger logger)
    : ServerActionCall
{
    /// <inheritdoc />
    public override InstanceOperation Operation => InstanceOperations.CreateImage;

    /// <summary>The image created by <see cref="PrepareAsync"/> (empty before).</summary>
    public Guid ImageId { get; private set; }

    /// <inheritdoc />
    public override async Task PrepareAsync(ServerActionContext context, CancellationToken cancellationToken)
    {
        var (principal, instance, _, _) = context;
        var baseImage = Guid.TryParse(instance.ImageRef, out var baseId) ? await images.FindAsync(baseId, principal.Token, cancellationToken) : null;
        var record = SnapshotImageRecord.Build(instance, request, principal.UserId, ImageInfo.Int(baseImage?["min_ram"]), ImageInfo.Int(baseImage?["min_disk"]));
        var image = await images.CreateAsync(record, principal.Token, cancellationToken);
        ImageId = Guid.TryParse(image["id"]?.GetValue<string>(), out var imageId)
            ? imageId
            : throw new ServiceUnavailableException("The image service created an image without an id.");
    }

    /// <inheritdoc />
    public override async Task CastAsync(ServerActionContext context, CancellationToken cancellationToken)
    {
        await compute.SnapshotInstanceAsync(context.Host, new SnapshotInstance { Instance = context.Spec(), ImageId = ImageId.ToString("D") }, cancellationToken);
        SnapshotApiLog.SnapshotRequested(logger, context.Instance.Id, ImageId, context.Host);
    }

    /// <inheritdoc />
    public override async Task RollBackAsync(ServerActionContext context, string reason)
    {
        if (ImageId == Guid.Empty)
        {
            return;
        }
        try
        {
            await images.DeleteAsync(ImageId, context.Principal.Token, CancellationToken.None);
            SnapshotApiLog.ImageRolledBack(logger, ImageId, context.Instance.Id, reason);
        }
        catch (ControlPlaneException e)
        {
            SnapshotApiLog.RollbackFailed(logger, e, ImageId);
        }
    }
}
