using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ControlPlane.Messaging.Topology;
using RabbitMQ.Client;

namespace ControlPlane.Common.IntegrationTests.Infrastructure;

/// <summary>A test's own broker connection: inspect queues, publish raw messages, clean up, and the management API.</summary>
public sealed class BrokerAdmin : IAsyncDisposable
{
    private readonly List<string> _queues = [];
    private IConnection _connection = null!;
    private IChannel _channel = null!;

    public static async Task<BrokerAdmin> ConnectAsync()
    {
        var admin = new BrokerAdmin();
        var factory = new ConnectionFactory { Uri = new Uri(TestEnvironment.RabbitMq), ClientProvidedName = "itest-admin" };
        admin._connection = await factory.CreateConnectionAsync();
        admin._channel = await admin._connection.CreateChannelAsync();
        return admin;
    }

    /// <summary>A unique topic for one test; it and its dead-letter queue are deleted at dispose.</summary>
    public string NewTopic(string purpose)
    {
        var topic = $"itest.{purpose}.{Guid.NewGuid():N}";
        _queues.Add(topic);
        _queues.Add(RpcTopology.DeadLetterQueue(topic));
        return topic;
    }

    /// <summary>Declares the topic's queues exactly as the RPC layer does.</summary>
    public Task DeclareTopicAsync(string topic) => RpcTopology.DeclareTopicAsync(_channel, topic, CancellationToken.None);

    /// <summary>Ready (not unacknowledged) messages in <paramref name="queue"/>; 0 when it does not exist.</summary>
    public async Task<uint> ReadyCountAsync(string queue) => (await InspectAsync(queue))?.MessageCount ?? 0;

    /// <summary>Consumers subscribed to <paramref name="queue"/>; 0 when it does not exist.</summary>
    public async Task<uint> ConsumerCountAsync(string queue) => (await InspectAsync(queue))?.ConsumerCount ?? 0;

    /// <summary>A passive declare on a throwaway channel (a missing queue closes the channel it is asked on).</summary>
    private async Task<QueueDeclareOk?> InspectAsync(string queue)
    {
        await using var channel = await _connection.CreateChannelAsync();
        try
        {
            return await channel.QueueDeclarePassiveAsync(queue);
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    /// <summary>Takes one message from <paramref name="queue"/> (acked), or null.</summary>
    public Task<BasicGetResult?> GetAsync(string queue) => _channel.BasicGetAsync(queue, autoAck: true);

    /// <summary>Publishes raw bytes with raw headers to a topic of the RPC exchange.</summary>
    public async Task PublishRawAsync(string topic, byte[] body, IDictionary<string, object?>? headers)
    {
        var properties = new BasicProperties { Headers = headers, DeliveryMode = DeliveryModes.Persistent };
        await _channel.BasicPublishAsync(RpcTopology.Exchange, topic, mandatory: false, properties, body);
    }

    /// <summary>Binds a new exclusive queue to <paramref name="exchange"/> with <paramref name="routingKey"/>.</summary>
    public async Task<string> BindProbeQueueAsync(string exchange, string routingKey)
    {
        var queue = (await _channel.QueueDeclareAsync(string.Empty, durable: false, exclusive: true, autoDelete: true)).QueueName;
        await _channel.QueueBindAsync(queue, exchange, routingKey);
        return queue;
    }

    /// <summary>Declares an exchange (idempotent when the arguments match what the code declares).</summary>
    public Task DeclareExchangeAsync(string exchange, string type) => _channel.ExchangeDeclareAsync(exchange, type, durable: true, autoDelete: false);

    /// <summary>Closes, from the broker's side, every connection whose client-provided name is <paramref name="connectionName"/>; returns how many.</summary>
    public static async Task<int> CloseConnectionsNamedAsync(string connectionName)
    {
        using var http = ManagementClient();
        using var list = await http.GetAsync("api/connections?columns=name,client_properties.connection_name");
        list.EnsureSuccessStatusCode();
        var connections = await list.Content.ReadFromJsonAsync<JsonElement>();
        var closed = 0;
        foreach (var c in connections.EnumerateArray())
        {
            var name = c.TryGetProperty("client_properties", out var props) && props.TryGetProperty("connection_name", out var n) ? n.GetString() : null;
            if (name != connectionName)
            {
                continue;
            }
            using var request = new HttpRequestMessage(HttpMethod.Delete, "api/connections/" + Uri.EscapeDataString(c.GetProperty("name").GetString()!));
            request.Headers.Add("X-Reason", "integration test: simulated connection loss");
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            closed++;
        }
        return closed;
    }

    public async ValueTask DisposeAsync()
    {
        await using (var channel = await _connection.CreateChannelAsync())
        {
            foreach (var queue in _queues)
            {
                await channel.QueueDeleteAsync(queue, ifUnused: false, ifEmpty: false);
            }
        }
        await _channel.DisposeAsync();
        await _connection.CloseAsync();
        _connection.Dispose();
    }

    private static HttpClient ManagementClient()
    {
        var uri = new Uri(TestEnvironment.RabbitMq);
        var userInfo = Uri.UnescapeDataString(uri.UserInfo);
        var http = new HttpClient { BaseAddress = TestEnvironment.RabbitManagement, Timeout = TimeSpan.FromSeconds(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(userInfo)));
        return http;
    }
}
