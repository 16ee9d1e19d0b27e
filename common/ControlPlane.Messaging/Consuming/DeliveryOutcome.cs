using ControlPlane.Messaging.Wire;
using Google.Protobuf;

namespace ControlPlane.Messaging.Consuming;

/// <summary>How a delivery is settled with the broker.</summary>
internal enum DeliveryAction
{
    /// <summary>Handled (or answered with an expected error): ack.</summary>
    Ack,

    /// <summary>Unexpected failure, first time: nack with requeue (the broker marks it redelivered).</summary>
    Requeue,

    /// <summary>Unexpected failure again, still under <c>MaxRedeliveries</c>: publish a copy with the count, then ack.</summary>
    Republish,

    /// <summary>Poison or out of retries: nack without requeue, the queue dead-letters it to <c>&lt;topic&gt;.dead</c>.</summary>
    DeadLetter,
}

/// <summary>The decision for one delivery plus what to reply to a call.</summary>
/// <param name="Action">How to settle.</param>
/// <param name="Reply">The reply message of a successful call.</param>
/// <param name="Error">The error envelope replied to a failed call.</param>
/// <param name="Redeliveries">Redelivery count to stamp on a republished copy.</param>
/// <param name="MessageType">The message type, when known (for logs and metrics).</param>
internal sealed record DeliveryOutcome(DeliveryAction Action, IMessage? Reply, RpcError? Error, int Redeliveries, string MessageType)
{
    /// <summary>True when the caller gets an answer now.</summary>
    public bool HasAnswer => Reply is not null || Error is not null;
}
