using ControlPlane.Messaging.Abstractions;
using RabbitMQ.Client;

namespace ControlPlane.Messaging.Topology;

/// <summary>
/// The broker objects of the RPC layer: topic exchange <c>controlplane</c> (durable); one durable
/// queue per topic bound with routing key = topic and dead-lettering to the direct exchange
/// <c>controlplane.dlx</c>, which routes to the durable queue <c>&lt;topic&gt;.dead</c>.
/// Declarations are idempotent; both publishers and consumers declare, so a cast to a topic whose
/// consumer has not started yet waits in its queue.
/// </summary>
public static class RpcTopology
{
    /// <summary>The RPC exchange.</summary>
    public const string Exchange = Topics.Exchange;

    /// <summary>Dead-letter exchange (direct, routing key = topic).</summary>
    public const string DeadLetterExchange = "controlplane.dlx";

    /// <summary>Notifications exchange (topic).</summary>
    public const string NotificationsExchange = "notifications";

    /// <summary>Longest topic name accepted.</summary>
    public const int MaxTopicLength = 200;

    /// <summary>The dead-letter queue of <paramref name="topic"/>.</summary>
    public static string DeadLetterQueue(string topic) => topic + ".dead";

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="topic"/> is 1-200 characters of letters, digits, '.', '_' or '-'.</summary>
    public static void ValidateTopic(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (topic.Length is 0 or > MaxTopicLength || !topic.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
        {
            throw new ArgumentException($"Invalid topic name '{topic}': use 1-{MaxTopicLength} letters, digits, '.', '_' or '-'.", nameof(topic));
        }
    }

    /// <summary>Declares the exchanges, the topic's queue with its dead-letter queue, and their bindings.</summary>
    internal static async Task DeclareTopicAsync(IChannel channel, string topic, CancellationToken cancellationToken)
    {
        ValidateTopic(topic);
        var dead = DeadLetterQueue(topic);
        await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Topic, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.ExchangeDeclareAsync(DeadLetterExchange, ExchangeType.Direct, durable: true, autoDelete: false, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(dead, durable: true, exclusive: false, autoDelete: false, arguments: null, cancellationToken: cancellationToken);
        await channel.QueueBindAsync(dead, DeadLetterExchange, topic, arguments: null, cancellationToken: cancellationToken);
        await channel.QueueDeclareAsync(topic, durable: true, exclusive: false, autoDelete: false,
            arguments: new Dictionary<string, object?> { ["x-dead-letter-exchange"] = DeadLetterExchange },
            cancellationToken: cancellationToken);
        await channel.QueueBindAsync(topic, Exchange, topic, arguments: null, cancellationToken: cancellationToken);
    }
}
