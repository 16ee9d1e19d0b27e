using System.Collections.Concurrent;

namespace ControlPlane.Messaging.Consuming;

/// <summary>Which consumers of this process are subscribed right now (read by the readiness check).</summary>
public sealed class ConsumerStatus
{
    private static readonly Func<bool> NotConsuming = () => false;
    private readonly ConcurrentDictionary<string, Func<bool>> _consuming = new(StringComparer.Ordinal);

    /// <summary>Topic -> subscribed (its channel is open now), for every consumer that has started.</summary>
    public IReadOnlyDictionary<string, bool> Topics => _consuming.ToDictionary(t => t.Key, t => t.Value(), StringComparer.Ordinal);

    /// <summary>Marks <paramref name="topic"/> as not consuming.</summary>
    internal void Clear(string topic) => _consuming[topic] = NotConsuming;

    /// <summary>Marks <paramref name="topic"/> as consuming while <paramref name="isOpen"/> holds (the channel survives recoveries).</summary>
    internal void Track(string topic, Func<bool> isOpen) => _consuming[topic] = isOpen;
}
