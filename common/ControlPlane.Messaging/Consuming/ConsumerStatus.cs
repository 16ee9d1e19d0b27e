using System.Collections.Concurrent;

namespace ControlPlane.Messaging.Consuming;

/// <summary>Which consumers of this process are subscribed right now (read by the readiness check).</summary>
public sealed class ConsumerStatus
{
    private readonly ConcurrentDictionary<string, bool> _consuming = new(StringComparer.Ordinal);

    /// <summary>Topic -> subscribed, for every consumer that has started.</summary>
    public IReadOnlyDictionary<string, bool> Topics => _consuming;

    internal void Set(string topic, bool consuming) => _consuming[topic] = consuming;
}
