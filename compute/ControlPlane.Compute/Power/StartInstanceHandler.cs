using ControlPlane.Compute.Handlers;
using ControlPlane.Compute.Startup;
using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Power;

/// <summary>Consumes <see cref="StartInstance"/> casts on <c>compute.&lt;host&gt;</c>, once the host has
/// reconciled with the conductor.</summary>
public sealed class StartInstanceHandler(ComputeReadiness readiness, PowerManager manager) : IRpcHandler<StartInstance>
{
    /// <inheritdoc />
    public async Task HandleAsync(StartInstance message, RpcContext context, CancellationToken cancellationToken)
    {
        await readiness.WaitUntilReconciledAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await manager.StartInstanceAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceUnavailableException e)
        {
            throw new ConductorUnreachableException("Could not report to the conductor: " + e.Message, e);
        }
    }
}
