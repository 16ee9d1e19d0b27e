using ControlPlane.Compute.Startup;
using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.Abstractions;
using Google.Protobuf;

namespace ControlPlane.Compute.Handlers;

/// <summary>
/// What every cast consumed on <c>compute.&lt;host&gt;</c> shares: it waits until the host has reconciled
/// with the conductor, then hands the message to its manager; a conductor that cannot be reached becomes
/// <see cref="ConductorUnreachableException"/> (the delivery is retried, not dead-lettered).
/// </summary>
/// <typeparam name="TMessage">The cast consumed.</typeparam>
public abstract class ReconciledHandler<TMessage>(ComputeReadiness readiness) : IRpcHandler<TMessage>
    where TMessage : IMessage
{
    /// <inheritdoc />
    public async Task HandleAsync(TMessage message, RpcContext context, CancellationToken cancellationToken)
    {
        await readiness.WaitUntilReconciledAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await RunAsync(message, context, cancellationToken).ConfigureAwait(false);
        }
        catch (ServiceUnavailableException e)
        {
            throw new ConductorUnreachableException("Could not report to the conductor: " + e.Message, e);
        }
    }

    /// <summary>Hands <paramref name="message"/> to the manager.</summary>
    protected abstract Task RunAsync(TMessage message, RpcContext context, CancellationToken cancellationToken);
}
