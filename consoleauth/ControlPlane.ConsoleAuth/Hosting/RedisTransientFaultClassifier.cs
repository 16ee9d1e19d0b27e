using ControlPlane.Hosting.Resilience;
using StackExchange.Redis;

namespace ControlPlane.ConsoleAuth.Hosting;

/// <summary>
/// Redis's transient failures as StackExchange.Redis raises them, for the shared <see cref="TransientFaultPolicy"/>:
/// no connection to send on (<see cref="TransientFaultKind.NotStarted"/>), or a timeout or a dropped connection with
/// the command possibly sent (<see cref="TransientFaultKind.Interrupted"/>). The token store already turns these into
/// 503s; this covers any other path to the gRPC edge.
/// </summary>
public sealed class RedisTransientFaultClassifier : ITransientFaultClassifier
{
    /// <inheritdoc />
    public TransientFaultKind Classify(Exception exception) => exception switch
    {
        RedisConnectionException { FailureType: ConnectionFailureType.UnableToConnect or ConnectionFailureType.UnableToResolvePhysicalConnection }
            => TransientFaultKind.NotStarted,
        RedisConnectionException or RedisTimeoutException => TransientFaultKind.Interrupted,
        _ => TransientFaultKind.None,
    };
}
