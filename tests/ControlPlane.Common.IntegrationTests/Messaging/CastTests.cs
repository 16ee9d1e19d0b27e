using System.Text;
using ControlPlane.Common.IntegrationTests.Infrastructure;
using ControlPlane.Domain.Context;
using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.DependencyInjection;
using ControlPlane.Protos.Rpc.V1;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ControlPlane.Common.IntegrationTests.Messaging;

[Trait("Category", "Integration")]
public sealed class CastTests(ITestOutputHelper output)
{
    private static BuildInstance Build(string id) => new() { Instance = new InstanceSpec { InstanceId = id } };

    private Task<MessagingTestHost> StartConsumerAsync(string topic, Probe probe, IDictionary<string, string?>? settings = null) =>
        MessagingTestHost.StartAsync(s =>
        {
            s.AddSingleton(probe);
            s.AddRpcConsumer(_ => topic).Handle<BuildInstance, ProbeCastHandler>();
        }, output, settings);

    [Fact]
    public async Task A_cast_is_delivered_with_its_headers_and_acked_only_after_the_handler_finished()
    {
        await using var admin = await BrokerAdmin.ConnectAsync();
        var topic = admin.NewTopic("ack");
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = new Probe { Behaviour = (key, _, _) => key == "first" ? release.Task : Task.CompletedTask };
        await using var host = await StartConsumerAsync(topic, probe, new Dictionary<string, string?> { ["Rpc:PrefetchCount"] = "1" });
        await host.WaitConsumingAsync(topic);
        var requestId = RequestContext.NewId();

        using (RequestContext.Begin(requestId))
        {
            await host.Rpc.CastAsync(topic, Build("first"));
            await host.Rpc.CastAsync(topic, Build("second"));
        }
        var first = await probe.SeenAsync("first");

        // With prefetch 1 the second message is only delivered once the first is acked, which happens
        // only after its handler returns: while the handler runs, the second stays ready in the queue.
        Assert.Equal(1u, await admin.ReadyCountAsync(topic));
        Assert.Single(probe.All);
        release.SetResult();
        await probe.SeenAsync("second");
        await Eventually.UntilAsync(() => admin.ReadyCountAsync(topic), n => n == 0, "queue drained");
        await host.DisposeAsync();
        Assert.Equal(0u, await admin.ReadyCountAsync(topic)); // nothing came back unacked when the consumer closed
        Assert.Equal(0u, await admin.ReadyCountAsync(topic + ".dead"));

        Assert.Equal(requestId, first.Context.RequestId);
        Assert.Equal(requestId, first.AmbientRequestId);
        Assert.Equal("controlplane.rpc.v1.BuildInstance", first.Context.MessageType);
        Assert.Equal("1.0", first.Context.RpcVersion);
        Assert.False(first.Context.Redelivered);
    }

    [Fact]
    public async Task A_cast_before_any_consumer_started_waits_in_the_durable_queue()
    {
        await using var admin = await BrokerAdmin.ConnectAsync();
        var topic = admin.NewTopic("early");
        await using (var sender = await MessagingTestHost.StartAsync(_ => { }, output))
        {
            await sender.Rpc.CastAsync(topic, Build("early"));
        }
        Assert.Equal(1u, await admin.ReadyCountAsync(topic));

        var probe = new Probe();
        await using var consumer = await StartConsumerAsync(topic, probe);

        await probe.SeenAsync("early");
    }

    [Fact]
    public async Task Poison_messages_are_dead_lettered_without_reaching_a_handler()
    {
        await using var admin = await BrokerAdmin.ConnectAsync();
        var topic = admin.NewTopic("poison");
        var probe = new Probe();
        await using var host = await StartConsumerAsync(topic, probe);
        await host.WaitConsumingAsync(topic);
        static Dictionary<string, object?> Headers(string type) => new()
        {
            ["type"] = Encoding.UTF8.GetBytes(type),
            ["rpc_version"] = Encoding.UTF8.GetBytes("1.0"),
        };

        await admin.PublishRawAsync(topic, Build("unknown-type").ToByteArray(), Headers("controlplane.rpc.v1.NoSuchMessage"));
        await admin.PublishRawAsync(topic, [0xFF, 0xFF, 0xFF, 0xFF, 0xFF], Headers("controlplane.rpc.v1.BuildInstance"));
        await admin.PublishRawAsync(topic, Build("no-headers").ToByteArray(), headers: null);

        await Eventually.UntilAsync(() => admin.ReadyCountAsync(topic + ".dead"), n => n == 3, "3 messages in the dead-letter queue");
        Assert.Empty(probe.All);
        Assert.Equal(0u, await admin.ReadyCountAsync(topic));
        var types = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var dead = await admin.GetAsync(topic + ".dead");
            var headers = dead!.BasicProperties.Headers;
            types.Add(headers is not null && headers.TryGetValue("type", out var t) ? Encoding.UTF8.GetString((byte[])t!) : "(none)");
        }
        Assert.Equal(["(none)", "controlplane.rpc.v1.BuildInstance", "controlplane.rpc.v1.NoSuchMessage"], types.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_handler_exception_is_redelivered_once_then_dead_lettered()
    {
        await using var admin = await BrokerAdmin.ConnectAsync();
        var topic = admin.NewTopic("retry");
        var probe = new Probe { Behaviour = (_, _, _) => throw new InvalidOperationException("simulated bug") };
        await using var host = await StartConsumerAsync(topic, probe);
        await host.WaitConsumingAsync(topic);

        await host.Rpc.CastAsync(topic, Build("flaky"));

        await Eventually.UntilAsync(() => admin.ReadyCountAsync(topic + ".dead"), n => n == 1, "the message dead-lettered");
        Assert.Equal([false, true], probe.All.Select(s => s.Context.Redelivered));
        Assert.Equal(0u, await admin.ReadyCountAsync(topic));
    }

    [Fact]
    public async Task A_ControlPlane_error_in_a_cast_handler_dead_letters_at_once()
    {
        await using var admin = await BrokerAdmin.ConnectAsync();
        var topic = admin.NewTopic("rejected");
        var probe = new Probe { Behaviour = (_, _, _) => throw new NotFoundException("Instance x could not be found.") };
        await using var host = await StartConsumerAsync(topic, probe);
        await host.WaitConsumingAsync(topic);

        await host.Rpc.CastAsync(topic, Build("x"));

        await Eventually.UntilAsync(() => admin.ReadyCountAsync(topic + ".dead"), n => n == 1, "the message dead-lettered");
        Assert.Single(probe.All);
    }

    [Fact]
    public async Task Two_consumers_of_one_queue_share_the_work()
    {
        await using var admin = await BrokerAdmin.ConnectAsync();
        var topic = admin.NewTopic("shared");
        var probeA = new Probe("a");
        var probeB = new Probe("b");
        await using var a = await StartConsumerAsync(topic, probeA);
        await using var b = await StartConsumerAsync(topic, probeB);
        await Eventually.UntilAsync(() => admin.ConsumerCountAsync(topic), n => n == 2, "two consumers subscribed");

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => a.Rpc.CastAsync(topic, Build("m" + i))));

        await Eventually.UntilAsync(() => Task.FromResult(probeA.All.Count + probeB.All.Count), n => n == 40, "40 messages handled");
        Assert.NotEmpty(probeA.All);
        Assert.NotEmpty(probeB.All);
        Assert.Equal(40, probeA.All.Concat(probeB.All).Select(s => s.Key).Distinct().Count());
    }
}
