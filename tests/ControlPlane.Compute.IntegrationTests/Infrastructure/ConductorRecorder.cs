using System.Collections.Concurrent;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Testing;
using Google.Protobuf;

namespace ControlPlane.Compute.IntegrationTests.Infrastructure;

/// <summary>What the test conductor received, and what it answers to <c>GetHostInstances</c>.
/// <see cref="Changed"/> is notified after every message received and every question answered,
/// so tests wait on it instead of polling.</summary>
public sealed class ConductorRecorder
{
    private readonly ConcurrentQueue<IMessage> _received = new();

    /// <summary>Notified after every recorded message and every GetHostInstances answer.</summary>
    public ChangeSignal Changed { get; } = new();

    public int HostInstanceCalls => _hostInstanceCalls;

    private int _hostInstanceCalls;

    /// <summary>The instances reported for a host at its start (default none).</summary>
    public Func<string, HostInstances> HostInstances { get; set; } = _ => new HostInstances();

    public HostInstances AnswerHostInstances(string host)
    {
        try
        {
            return HostInstances(host);
        }
        finally
        {
            Interlocked.Increment(ref _hostInstanceCalls);
            Changed.Notify();
        }
    }

    /// <summary>Records a message the conductor received.</summary>
    public void Record(IMessage message)
    {
        _received.Enqueue(message);
        Changed.Notify();
    }

    public List<T> All<T>() where T : IMessage => _received.OfType<T>().ToList();

    public T? First<T>(Func<T, bool> predicate) where T : class, IMessage => _received.OfType<T>().FirstOrDefault(predicate);

    /// <summary>Waits until a message of type <typeparamref name="T"/> matching <paramref name="predicate"/> arrives.</summary>
    public Task<T> WaitForAsync<T>(Func<T, bool> predicate, string what, TimeSpan? timeout = null) where T : class, IMessage =>
        Changed.FoundAsync(() => First(predicate), what, timeout);
}
