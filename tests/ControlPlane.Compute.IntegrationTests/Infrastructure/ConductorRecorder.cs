using System.Collections.Concurrent;
using ControlPlane.Protos.Rpc.V1;
using Google.Protobuf;

namespace ControlPlane.Compute.IntegrationTests.Infrastructure;

/// <summary>What the test conductor received, and what it answers to <c>GetHostInstances</c>.</summary>
public sealed class ConductorRecorder
{
    public ConcurrentQueue<IMessage> Received { get; } = new();

    public int HostInstanceCalls => _hostInstanceCalls;

    private int _hostInstanceCalls;

    /// <summary>The instances reported for a host at its start (default none).</summary>
    public Func<string, HostInstances> HostInstances { get; set; } = _ => new HostInstances();

    public HostInstances AnswerHostInstances(string host)
    {
        Interlocked.Increment(ref _hostInstanceCalls);
        return HostInstances(host);
    }

    public List<T> All<T>() where T : IMessage => Received.OfType<T>().ToList();

    public T? First<T>(Func<T, bool> predicate) where T : class, IMessage => Received.OfType<T>().FirstOrDefault(predicate);
}
