using ControlPlane.Compute.Handlers;
using ControlPlane.Compute.Startup;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Power;

/// <summary>Consumes <see cref="StartInstance"/> casts on <c>compute.&lt;host&gt;</c>, once the host has
/// reconciled with the conductor.</summary>
public sealed class StartInstanceHandler(ComputeReadiness readiness, PowerManager manager) : ReconciledHandler<StartInstance>(readiness)
{
    /// <inheritdoc />
    protected override Task RunAsync(StartInstance message, RpcContext context, CancellationToken cancellationToken) =>
        manager.StartInstanceAsync(message, cancellationToken);
}
