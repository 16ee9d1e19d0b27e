using ControlPlane.Compute.Handlers;
using ControlPlane.Compute.Startup;
using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Snapshots;

/// <summary>Consumes <see cref="SnapshotInstance"/> casts on <c>compute.&lt;host&gt;</c>, once the host has
/// reconciled with the conductor.</summary>
public sealed class SnapshotInstanceHandler(ComputeReadiness readiness, SnapshotManager manager) : IRpcHandler<SnapshotInstance>
{
    /// <inheritdoc />
    public async Task HandleAsync(SnapshotInstance message, RpcContext context, CancellationToken cancellationToken)
    {
        await readiness.WaitUntilReconciledAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await manager.SnapshotInstanceAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceUnavailableException e)
        {
            throw new ConductorUnreachableException("Could not report to the conductor: " + e.Message, e);
        }
    }
}
