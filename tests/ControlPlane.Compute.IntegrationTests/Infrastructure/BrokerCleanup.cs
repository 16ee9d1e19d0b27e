using ControlPlane.Messaging.Topology;
using RabbitMQ.Client;

namespace ControlPlane.Compute.IntegrationTests.Infrastructure;

/// <summary>Deletes the per-test queues (and their dead-letter queues) a test created.</summary>
public static class BrokerCleanup
{
    public static async Task DeleteQueuesAsync(params string[] topics)
    {
        var factory = new ConnectionFactory { Uri = new Uri(TestEnvironment.RabbitMq) };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        foreach (var topic in topics)
        {
            await channel.QueueDeleteAsync(topic);
            await channel.QueueDeleteAsync(RpcTopology.DeadLetterQueue(topic));
        }
    }
}
