using ControlPlane.Compute.Manager;
using ControlPlane.Compute.Startup;
using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Handlers;

/// <summary>Consumes <see cref="TerminateInstance"/> casts on <c>compute.&lt;host&gt;</c>, once the
/// host has reconciled with the conductor.</summary>
public sealed class TerminateInstanceHandler(ComputeReadiness readiness, ComputeManager manager) : IRpcHandler<TerminateInstance>
{
    /// <inheritdoc />
    public async Task HandleAsync(TerminateInstance message, RpcContext context, CancellationToken cancellationToken)
    {
        await readiness.WaitUntilReconciledAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await manager.TerminateInstanceAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceUnavailableException e)
        {
            throw new ConductorUnreachableException("Could not report to the conductor: " + e.Message, e);
        }
    }
}
