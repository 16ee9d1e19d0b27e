using System.Collections.Concurrent;
using ControlPlane.Messaging.Wire;

namespace ControlPlane.Messaging.Consuming;

/// <summary>
/// One consumed queue: its topic (resolved at start), the RPC version its handlers implement and the
/// handlers of its message types.
/// </summary>
internal sealed class RpcConsumerDefinition(Func<IServiceProvider, string> topic)
{
    private readonly ConcurrentDictionary<string, IHandlerRegistration> _handlers = new(StringComparer.Ordinal);

    /// <summary>Resolves the topic name from the service provider (e.g. <c>"compute." + options.Host</c>).</summary>
    public Func<IServiceProvider, string> Topic { get; } = topic;

    /// <summary>
    /// The RPC version the handlers implement, declared with <see cref="RpcConsumerBuilder.Implements"/>; when not
    /// declared, the version the topic's client project registered (<see cref="RpcVersions.ForTopic"/>).
    /// </summary>
    public RpcVersion? Version { get; set; }

    /// <summary>The version messages on <paramref name="topic"/> are checked against.</summary>
    public RpcVersion SupportedVersion(string topic, RpcVersions versions) => Version ?? RpcVersion.Parse(versions.ForTopic(topic));

    /// <summary>The registered handlers by message type.</summary>
    public IReadOnlyDictionary<string, IHandlerRegistration> Handlers => _handlers;

    /// <summary>Adds a handler; a second handler for the same message type on this queue is an error.</summary>
    public void Add(IHandlerRegistration registration)
    {
        if (!_handlers.TryAdd(registration.MessageType, registration))
        {
            throw new InvalidOperationException($"A handler for {registration.MessageType} is already registered on this consumer.");
        }
    }
}
