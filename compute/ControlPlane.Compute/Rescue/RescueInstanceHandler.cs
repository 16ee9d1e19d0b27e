using ControlPlane.Compute.Handlers;
using ControlPlane.Compute.Startup;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Rescue;

/// <summary>Consumes <see cref="RescueInstance"/> casts on <c>compute.&lt;host&gt;</c>, once the host has reconciled.</summary>
public sealed class RescueInstanceHandler(ComputeReadiness readiness, RescueManager manager) : ReconciledHandler<RescueInstance>(readiness)
{
    /// <inheritdoc />
    protected override Task RunAsync(RescueInstance message, RpcContext context, CancellationToken cancellationToken) =>
        manager.RescueInstanceAsync(message, cancellationToken);
}
