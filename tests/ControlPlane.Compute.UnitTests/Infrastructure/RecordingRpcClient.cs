using System.Collections.Concurrent;
using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Testing;
using Google.Protobuf;

namespace ControlPlane.Compute.UnitTests.Infrastructure;

/// <summary>An in-memory <see cref="IRpcClient"/>: records every cast, answers calls from a
/// configurable function, and can fail the next N calls or casts with ServiceUnavailable.
/// <see cref="Changed"/> is notified after every cast and call attempt.</summary>
public sealed class RecordingRpcClient : IRpcClient
{
    private int _castFailuresLeft;
    private int _callFailuresLeft;

    /// <summary>Every successful cast, in order.</summary>
    public ConcurrentQueue<(string Topic, IMessage Message)> Casts { get; } = new();

    /// <summary>Notified after every cast (failed or not) and every call attempt.</summary>
    public ChangeSignal Changed { get; } = new();

    /// <summary>Number of call attempts (failed or not).</summary>
    public int CallAttempts => _callAttempts;

    private int _callAttempts;

    /// <summary>Answers calls: (topic, request) → reply.</summary>
    public Func<string, IMessage, IMessage> OnCall { get; set; } =
        (topic, request) => throw new InvalidOperationException($"Unexpected call {request.Descriptor.FullName} to {topic}.");

    public void FailNextCasts(int count) => _castFailuresLeft = count;

    public void FailNextCalls(int count) => _callFailuresLeft = count;

    /// <summary>The casts of type <typeparamref name="T"/>, in order.</summary>
    public List<T> CastsOf<T>() where T : IMessage => Casts.Select(c => c.Message).OfType<T>().ToList();

    public Task CastAsync(string topic, IMessage message, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            if (Interlocked.Decrement(ref _castFailuresLeft) >= 0)
            {
                throw new ServiceUnavailableException("broker unreachable (test)");
            }

            Casts.Enqueue((topic, message.Descriptor.Parser.ParseFrom(message.ToByteArray())));
            return Task.CompletedTask;
        }
        finally
        {
            Changed.Notify();
        }
    }

    public Task<TReply> CallAsync<TReply>(string topic, IMessage request, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
        where TReply : IMessage<TReply>, new()
    {
        cancellationToken.ThrowIfCancellationRequested();
        Interlocked.Increment(ref _callAttempts);
        try
        {
            if (Interlocked.Decrement(ref _callFailuresLeft) >= 0)
            {
                throw new ServiceUnavailableException($"timeout waiting for {topic} (test)");
            }

            return Task.FromResult((TReply)OnCall(topic, request));
        }
        finally
        {
            Changed.Notify();
        }
    }
}
