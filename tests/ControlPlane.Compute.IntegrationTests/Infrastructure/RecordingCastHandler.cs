using ControlPlane.Messaging.Abstractions;
using Google.Protobuf;

namespace ControlPlane.Compute.IntegrationTests.Infrastructure;

/// <summary>Test conductor: records every cast of type <typeparamref name="T"/>.</summary>
public sealed class RecordingCastHandler<T>(ConductorRecorder recorder) : IRpcHandler<T> where T : IMessage
{
    public Task HandleAsync(T message, RpcContext context, CancellationToken cancellationToken)
    {
        recorder.Record(message);
        return Task.CompletedTask;
    }
}
