using ControlPlane.Messaging.Abstractions;
using ControlPlane.Messaging.Wire;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ControlPlane.Messaging.Consuming;

/// <summary>
/// Declares which message types one queue handles (returned by <c>services.AddRpcConsumer(...)</c>).
/// Handlers are registered as scoped services and resolved in a fresh DI scope per message.
/// <code>
/// services.AddRpcConsumer(_ => Topics.Conductor)
///     .Implements(ConductorRpcClient.Version)
///     .Handle&lt;BuildInstance, BuildInstanceHandler&gt;()
///     .Reply&lt;GetHostInstances, HostInstances, GetHostInstancesHandler&gt;();
/// </code>
/// </summary>
public sealed class RpcConsumerBuilder
{
    private readonly RpcConsumerDefinition _definition;

    internal RpcConsumerBuilder(IServiceCollection services, RpcConsumerDefinition definition)
    {
        Services = services;
        _definition = definition;
    }

    /// <summary>The service collection the consumer is registered in.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// Declares the RPC version (<c>major.minor</c>) the handlers implement: messages of another major version or a
    /// newer minor are refused with <see cref="RpcVersionException"/> and dead-lettered. Without this call the
    /// version the topic's client project registered applies (<see cref="Wire.RpcVersions.ForTopic"/>).
    /// </summary>
    public RpcConsumerBuilder Implements(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        _definition.Version = RpcVersion.TryParse(version, out var parsed)
            ? parsed
            : throw new ArgumentException($"'{version}' is not an RPC version (major.minor).", nameof(version));
        return this;
    }

    /// <summary>Adds a cast handler: <typeparamref name="THandler"/> handles <typeparamref name="TMessage"/>.</summary>
    public RpcConsumerBuilder Handle<TMessage, THandler>()
        where TMessage : class, IMessage<TMessage>, new()
        where THandler : class, IRpcHandler<TMessage>
    {
        Services.TryAddScoped<THandler>();
        _definition.Add(new CastHandlerRegistration<TMessage, THandler>());
        return this;
    }

    /// <summary>Adds a call handler: <typeparamref name="THandler"/> answers <typeparamref name="TRequest"/> with <typeparamref name="TReply"/>.</summary>
    public RpcConsumerBuilder Reply<TRequest, TReply, THandler>()
        where TRequest : class, IMessage<TRequest>, new()
        where TReply : class, IMessage<TReply>
        where THandler : class, IRpcCallHandler<TRequest, TReply>
    {
        Services.TryAddScoped<THandler>();
        _definition.Add(new CallHandlerRegistration<TRequest, TReply, THandler>());
        return this;
    }
}
