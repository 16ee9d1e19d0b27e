using ControlPlane.Compute.Manager;
using ControlPlane.Compute.Startup;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Handlers;

/// <summary>Consumes <see cref="TerminateInstance"/> casts on <c>compute.&lt;host&gt;</c>, once the
/// host has reconciled with the conductor.</summary>
public sealed class TerminateInstanceHandler(ComputeReadiness readiness, ComputeManager manager) : ReconciledHandler<TerminateInstance>(readiness)
{
    /// <inheritdoc />
    protected override Task RunAsync(TerminateInstance message, RpcContext context, CancellationToken cancellationToken) =>
        manager.TerminateInstanceAsync(message, cancellationToken);
}
