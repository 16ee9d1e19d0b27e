using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Compute.Rpc;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.Rescue;

/// <summary>
/// One <c>rescue</c> (Nova's <c>compute/api.py rescue</c>): once the runner's checks passed, the rescue image is chosen
/// (<see cref="RescueImages"/>: 400 for an unknown or unbootable image, nothing written) and the password fixed (the
/// given one, else a generated one); then the runner sets <c>rescuing</c> and this casts <c>rescue_instance</c>.
/// </summary>
public sealed class RescueCall(RescueRequest request, RescueImages images, ComputeRpcClient compute) : ServerActionCall
{
    /// <inheritdoc />
    public override InstanceOperation Operation => InstanceOperations.Rescue;

    /// <summary>The rescue system's admin password (the given one, else generated).</summary>
    public string AdminPass { get; } = request.AdminPass ?? AdminPasswords.Generate();

    /// <summary>The image the rescue boots, chosen by <see cref="PrepareAsync"/> (empty before).</summary>
    public Guid RescueImageId { get; private set; }

    /// <inheritdoc />
    public override async Task PrepareAsync(ServerActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        RescueImageId = await images.SelectAsync(context.Instance, request.RescueImageRef, context.Principal.Token, cancellationToken);
    }

    /// <inheritdoc />
    public override Task CastAsync(ServerActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return compute.RescueInstanceAsync(context.Host,
            new RescueInstance { Instance = context.Spec(), RescueImageId = RescueImageId.ToString("D") }, cancellationToken);
    }
}
