using ControlPlane.Compute.Handlers;
using ControlPlane.Compute.Startup;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Rescue;

/// <summary>Consumes <see cref="UnrescueInstance"/> casts on <c>compute.&lt;host&gt;</c>, once the host has reconciled.</summary>
public sealed class UnrescueInstanceHandler(ComputeReadiness readiness, RescueManager manager) : ReconciledHandler<UnrescueInstance>(readiness)
{
    /// <inheritdoc />
    protected override Task RunAsync(UnrescueInstance message, RpcContext context, CancellationToken cancellationToken) =>
        manager.UnrescueInstanceAsync(message, cancellationToken);
}
