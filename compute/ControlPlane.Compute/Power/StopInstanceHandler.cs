using ControlPlane.Compute.Handlers;
using ControlPlane.Compute.Startup;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Power;

/// <summary>Consumes <see cref="StopInstance"/> casts on <c>compute.&lt;host&gt;</c>, once the host has
/// reconciled with the conductor.</summary>
public sealed class StopInstanceHandler(ComputeReadiness readiness, PowerManager manager) : ReconciledHandler<StopInstance>(readiness)
{
    /// <inheritdoc />
    protected override Task RunAsync(StopInstance message, RpcContext context, CancellationToken cancellationToken) =>
        manager.StopInstanceAsync(message, cancellationToken);
}
