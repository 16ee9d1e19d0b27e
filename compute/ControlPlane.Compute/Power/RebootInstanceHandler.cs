using ControlPlane.Compute.Handlers;
using ControlPlane.Compute.Startup;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Power;

/// <summary>Consumes <see cref="RebootInstance"/> casts on <c>compute.&lt;host&gt;</c>, once the host has
/// reconciled with the conductor.</summary>
public sealed class RebootInstanceHandler(ComputeReadiness readiness, PowerManager manager) : ReconciledHandler<RebootInstance>(readiness)
{
    /// <inheritdoc />
    protected override Task RunAsync(RebootInstance message, RpcContext context, CancellationToken cancellationToken) =>
        manager.RebootInstanceAsync(message, cancellationToken);
}
