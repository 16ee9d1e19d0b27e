using ControlPlane.Compute.Handlers;
using ControlPlane.Compute.Startup;
using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Power;

/// <summary>Consumes <see cref="StopInstance"/> casts on <c>compute.&lt;host&gt;</c>, once the host has
/// reconciled with the conductor.</summary>
public sealed class StopInstanceHandler(ComputeReadiness readiness, PowerManager manager) : IRpcHandler<StopInstance>
{
    /// <inheritdoc />
    public async Task HandleAsync(StopInstance message, RpcContext context, CancellationToken cancellationToken)
    {
        await readiness.WaitUntilReconciledAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await manager.StopInstanceAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceUnavailableException e)
        {
            throw new ConductorUnreachableException("Could not report to the conductor: " + e.Message, e);
        }
    }
}
