using ControlPlane.Compute.Startup;
using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.Abstractions;
using Google.Protobuf;

namespace ControlPlane.Compute.Operations;

/// <summary>
/// The one cast handler of <c>compute.&lt;host&gt;</c>: waits until the host has reconciled with the
/// conductor, then runs the message's operation steps through the <see cref="OperationRunner"/>. A conductor
/// that cannot be reached becomes <see cref="ConductorUnreachableException"/> (the delivery is retried, not
/// dead-lettered). Registered per message type with <see cref="OperationRegistration.HandleOperation{TMessage, TSteps}"/>.
/// </summary>
/// <typeparam name="TMessage">The cast consumed.</typeparam>
public sealed class OperationHandler<TMessage>(ComputeReadiness readiness, OperationRunner runner, OperationSteps<TMessage> steps) : IRpcHandler<TMessage>
    where TMessage : IMessage
{
    /// <inheritdoc />
    public async Task HandleAsync(TMessage message, RpcContext context, CancellationToken cancellationToken)
    {
        await readiness.WaitUntilReconciledAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await runner.RunAsync(steps, message, context.Redelivered, cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceUnavailableException e)
        {
            throw new ConductorUnreachableException("Could not report to the conductor: " + e.Message, e);
        }
    }
}
