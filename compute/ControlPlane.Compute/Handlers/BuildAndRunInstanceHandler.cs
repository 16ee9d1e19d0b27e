using ControlPlane.Compute.Manager;
using ControlPlane.Compute.Startup;
using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Handlers;

/// <summary>Consumes <see cref="BuildAndRunInstance"/> casts on <c>compute.&lt;host&gt;</c>, once the
/// host has reconciled with the conductor.</summary>
public sealed class BuildAndRunInstanceHandler(ComputeReadiness readiness, ComputeManager manager) : IRpcHandler<BuildAndRunInstance>
{
    /// <inheritdoc />
    public async Task HandleAsync(BuildAndRunInstance message, RpcContext context, CancellationToken cancellationToken)
    {
        await readiness.WaitUntilReconciledAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await manager.BuildAndRunInstanceAsync(message, context.Redelivered, cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceUnavailableException e)
        {
            throw new ConductorUnreachableException("Could not report to the conductor: " + e.Message, e);
        }
    }
}
