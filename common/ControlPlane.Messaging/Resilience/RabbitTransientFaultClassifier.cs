using ControlPlane.Hosting.Resilience;
using RabbitMQ.Client.Exceptions;

namespace ControlPlane.Messaging.Resilience;

/// <summary>
/// RabbitMQ's transient failures as RabbitMQ.Client 7 raises them: the broker could not be reached (nothing was
/// published: <see cref="TransientFaultKind.NotStarted"/>), or the connection or channel closed under the work
/// (<see cref="TransientFaultKind.Interrupted"/>; the client's automatic recovery reconnects meanwhile).
/// </summary>
public sealed class RabbitTransientFaultClassifier : ITransientFaultClassifier
{
    /// <inheritdoc />
    public TransientFaultKind Classify(Exception exception) => exception switch
    {
        BrokerUnreachableException or ConnectFailureException => TransientFaultKind.NotStarted,
        AlreadyClosedException or OperationInterruptedException => TransientFaultKind.Interrupted,
        _ => TransientFaultKind.None,
    };
}
