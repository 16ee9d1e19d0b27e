using System.Threading.Channels;

namespace ControlPlane.Api.Grpc;

/// <summary>A watcher's wake-up signals for one instance; disposing it unsubscribes.</summary>
public sealed class Subscription(ChannelReader<bool> signals, Action unsubscribe) : IDisposable
{
    /// <summary>Completes with true when the instance may have changed.</summary>
    public ChannelReader<bool> Signals => signals;

    /// <inheritdoc />
    public void Dispose() => unsubscribe();
}
