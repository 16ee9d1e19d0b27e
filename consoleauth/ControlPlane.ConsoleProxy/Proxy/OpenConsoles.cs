using System.Collections.Concurrent;

namespace ControlPlane.ConsoleProxy.Proxy;

/// <summary>The consoles open in this proxy, by instance, so a revocation can close them.</summary>
public sealed class OpenConsoles
{
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<CancellationTokenSource, byte>> _byInstance = new();

    /// <summary>Registers a console of <paramref name="instanceId"/>; <paramref name="closer"/> is cancelled on revocation.
    /// Dispose the result when the console ends.</summary>
    public IDisposable Register(Guid instanceId, CancellationTokenSource closer)
    {
        var set = _byInstance.GetOrAdd(instanceId, _ => new ConcurrentDictionary<CancellationTokenSource, byte>());
        set[closer] = 0;
        return new Registration(() =>
        {
            set.TryRemove(closer, out _);
            if (set.IsEmpty)
            {
                _byInstance.TryRemove(new KeyValuePair<Guid, ConcurrentDictionary<CancellationTokenSource, byte>>(instanceId, set));
            }
        });
    }

    /// <summary>Number of open consoles of the instance.</summary>
    public int Count(Guid instanceId) => _byInstance.TryGetValue(instanceId, out var set) ? set.Count : 0;

    /// <summary>Closes every open console of <paramref name="instanceId"/>; returns how many.</summary>
    public int CloseInstance(Guid instanceId)
    {
        if (!_byInstance.TryGetValue(instanceId, out var set))
        {
            return 0;
        }
        var closers = set.Keys.ToArray();
        foreach (var closer in closers)
        {
            try
            {
                closer.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // the console ended meanwhile
            }
        }
        return closers.Length;
    }

    private sealed class Registration(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
