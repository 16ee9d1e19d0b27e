using System.Diagnostics;
using ControlPlane.Common.IntegrationTests.Infrastructure;
using ControlPlane.Messaging.DependencyInjection;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Xunit.Abstractions;

namespace ControlPlane.Common.IntegrationTests.Messaging;

/// <summary>
/// Connection loss without disturbing the shared broker: the broker closes this process's connection
/// (management API <c>DELETE /api/connections/{name}</c>), as it does when it restarts.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task After_the_broker_drops_the_connection_casts_calls_and_consumption_resume_without_a_restart()
    {
        await using var admin = await BrokerAdmin.ConnectAsync();
        var topic = admin.NewTopic("recover");
        var probe = new Probe();
        await using var host = await MessagingTestHost.StartAsync(s =>
        {
            s.AddSingleton(probe);
            s.AddRpcConsumer(_ => topic)
                .Handle<BuildInstance, ProbeCastHandler>()
                .Reply<GetHostInstances, HostInstances, ProbeCallHandler>();
        }, output);
        await host.WaitConsumingAsync(topic);
        await host.Rpc.CastAsync(topic, new BuildInstance { Instance = new InstanceSpec { InstanceId = "before" } });
        await probe.SeenAsync("before");
        await host.Rpc.CallAsync<HostInstances>(topic, new GetHostInstances { Host = "before" }, TimeSpan.FromSeconds(10));

        var closed = 0;
        await Eventually.UntilAsync(async () => (closed = await BrokerAdmin.CloseConnectionsNamedAsync(host.ConnectionName)) > 0,
            "the management API to list and close the connection");
        var watch = Stopwatch.StartNew();

        // Published during the outage: waits (bounded) for the automatic recovery instead of failing.
        await host.Rpc.CastAsync(topic, new BuildInstance { Instance = new InstanceSpec { InstanceId = "after" } });
        await probe.SeenAsync("after");
        var recovered = watch.Elapsed;
        var reply = await host.Rpc.CallAsync<HostInstances>(topic, new GetHostInstances { Host = "after" }, TimeSpan.FromSeconds(10));
        output.WriteLine($"closed {closed} connection(s); cast delivered {recovered.TotalMilliseconds:0} ms after the close");

        Assert.Equal("after", reply.Instances.Single().Host);
        await Eventually.UntilAsync(() => admin.ConsumerCountAsync(topic), n => n == 1, "exactly one consumer after recovery");
        var health = await host.Get<HealthCheckService>().CheckHealthAsync(r => r.Name == MessagingServiceCollectionExtensions.HealthCheckName);
        Assert.Equal(HealthStatus.Healthy, health.Status);
    }

    [Fact]
    public async Task The_readiness_check_reports_unreachable_broker_as_unhealthy()
    {
        await using var host = await MessagingTestHost.StartAsync(_ => { }, output, new Dictionary<string, string?>
        {
            // Port 1 on loopback: nothing listens there.
            ["ConnectionStrings:rabbitmq"] = "amqp://u:p@127.0.0.1:1/",
        });

        var health = await host.Get<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Unhealthy, health.Entries[MessagingServiceCollectionExtensions.HealthCheckName].Status);
        Assert.Equal("RabbitMQ is unreachable.", health.Entries[MessagingServiceCollectionExtensions.HealthCheckName].Description);
    }
}
