using ControlPlane.Compute.Handlers;
using ControlPlane.Compute.Startup;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Snapshots;

/// <summary>Consumes <see cref="SnapshotInstance"/> casts on <c>compute.&lt;host&gt;</c>, once the host has
/// reconciled with the conductor.</summary>
public sealed class SnapshotInstanceHandler(ComputeReadiness readiness, SnapshotManager manager) : ReconciledHandler<SnapshotInstance>(readiness)
{
    /// <inheritdoc />
    protected override Task RunAsync(SnapshotInstance message, RpcContext context, CancellationToken cancellationToken) =>
        manager.SnapshotInstanceAsync(message, cancellationToken);
}
