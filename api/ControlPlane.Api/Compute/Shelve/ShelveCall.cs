using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.Images;
using ControlPlane.Api.Compute.Snapshots;
using ControlPlane.Compute.Rpc;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.Shelve;

/// <summary>
/// One <c>shelve</c> (Nova's <c>compute/api.py shelve</c>): the snapshot image <c>&lt;name&gt;-shelved</c> is created first
/// exactly as <c>createImage</c> creates its image (<see cref="CreateImageCall"/>, which also deletes it again when the shelve
/// cannot start), then the runner sets shelving and this casts <c>shelve_instance</c> to the instance's host.
/// </summary>
public sealed class ShelveCall(ImageServiceClient images, ComputeRpcClient compute, ILogger logger) : ServerActionCall
{
    private CreateImageCall? _image;

    /// <summary>The suffix Nova gives a shelved instance's image name.</summary>
    public const string ImageNameSuffix = "-shelved";

    /// <inheritdoc />
    public override InstanceOperation Operation => InstanceOperations.Shelve;

    /// <summary>The shelved image created by <see cref="PrepareAsync"/> (empty before).</summary>
    public Guid ImageId => _image?.ImageId ?? Guid.Empty;

    /// <inheritdoc />
    public override async Task PrepareAsync(ServerActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var name = context.Instance.DisplayName + ImageNameSuffix;
        _image = new CreateImageCall(new CreateImageRequest(name.Length <= 255 ? name : name[..255], new Dictionary<string, string>()), images, compute, logger);
        await _image.PrepareAsync(context, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task CastAsync(ServerActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await compute.ShelveInstanceAsync(context.Host, new ShelveInstance { Instance = context.Spec(), ImageId = ImageId.ToString("D") }, cancellationToken);
        ShelveApiLog.ShelveRequested(logger, context.Instance.Id, ImageId, context.Host);
    }

    /// <inheritdoc />
    public override Task RollBackAsync(ServerActionContext context, string reason) =>
        _image?.RollBackAsync(context, reason) ?? Task.CompletedTask;
}
