using ControlPlane.Hosting.Options;

namespace ControlPlane.Messaging.Configuration;

/// <summary>AMQP RPC settings (configuration section <c>Rpc</c>, e.g. <c>--Rpc:RpcResponseTimeout=00:00:30</c>).</summary>
public sealed class RpcOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Rpc";

    /// <summary>
    /// <c>rpc_response_timeout</c>: how long a call waits for its reply before failing with
    /// <c>ServiceUnavailableException</c>. Default 60 s; 1 ms to 1 h. A per-call timeout overrides it.
    /// </summary>
    public TimeSpan RpcResponseTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Unacknowledged messages a consumer holds at once, which is also how many handlers of one
    /// queue run concurrently in this process. Default 32; 1 to 1000.
    /// </summary>
    public ushort PrefetchCount { get; set; } = 32;

    /// <summary>
    /// Delay between reconnection attempts (initial connection, RabbitMQ.Client's automatic
    /// recovery interval, consumer restarts). Default 2 s; 100 ms to 5 min.
    /// </summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a publish (cast, call request, reply, notification) waits for the broker to come
    /// back during an outage before failing with <c>ServiceUnavailableException</c>. Default 30 s; 0 to 10 min
    /// (0 = fail at once).
    /// </summary>
    public TimeSpan RecoveryWaitTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How many times a message whose handler failed with an unexpected (non-ControlPlane) exception
    /// is delivered again before it is dead-lettered to <c>&lt;topic&gt;.dead</c>. Default 1; 0 to 10.
    /// </summary>
    public int MaxRedeliveries { get; set; } = 1;

    /// <summary>
    /// Name of this process's AMQP connection as the broker shows it (management UI/API).
    /// Default <c>&lt;app&gt;@&lt;machine&gt;:&lt;pid&gt;</c>; 1 to 200 characters.
    /// </summary>
    public string ConnectionName { get; set; } =
        $"{AppDomain.CurrentDomain.FriendlyName}@{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>
    /// <c>publisher_id</c> of notifications, e.g. <c>compute.host1</c> or <c>api.node1</c>.
    /// Default <c>&lt;app&gt;.&lt;machine&gt;</c>; 1 to 200 characters.
    /// </summary>
    public string PublisherId { get; set; } = $"{AppDomain.CurrentDomain.FriendlyName}.{Environment.MachineName}";

    /// <summary>
    /// How often a consumer checks that its channel is still open while the connection is
    /// (a channel closed by a channel-level error is not recovered by the client library). Default 5 s.
    /// </summary>
    public TimeSpan SupervisionInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// AMQP URI (<c>amqp://user:password@host:port/vhost</c>). Taken from <c>ConnectionStrings:rabbitmq</c>
    /// when not set here. Required. Never logged.
    /// </summary>
    [Redacted]
    public string? ConnectionString { get; set; }
}
