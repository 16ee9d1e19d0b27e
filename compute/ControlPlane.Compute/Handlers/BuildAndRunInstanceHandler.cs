using ControlPlane.Compute.Manager;
using ControlPlane.Compute.Startup;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Handlers;

/// <summary>Consumes <see cref="BuildAndRunInstance"/> casts on <c>compute.&lt;host&gt;</c>, once the
/// host has reconciled with the conductor.</summary>
public sealed class BuildAndRunInstanceHandler(ComputeReadiness readiness, ComputeManager manager) : ReconciledHandler<BuildAndRunInstance>(readiness)
{
    /// <inheritdoc />
    protected override Task RunAsync(BuildAndRunInstance message, RpcContext context, CancellationToken cancellationToken) =>
        manager.BuildAndRunInstanceAsync(message, context.Redelivered, cancellationToken);
}
