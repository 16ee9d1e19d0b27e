using System.Diagnostics;
using ControlPlane.Common.IntegrationTests.Infrastructure;
using ControlPlane.Domain.Context;
using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.DependencyInjection;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace ControlPlane.Common.IntegrationTests.Messaging;

[Trait("Category", "Integration")]
public sealed class CallTests(ITestOutputHelper output)
{
    private Task<MessagingTestHost> StartReplierAsync(string topic, Probe probe) =>
        MessagingTestHost.StartAsync(s =>
        {
            s.AddSingleton(probe);
            s.AddRpcConsumer(_ => topic).Reply<GetHostInstances, HostInstances, ProbeCallHandler>();
        }, output);

    [Fact]
    public async Task A_call_gets_its_reply_and_carries_the_request_id()
    {
        await using var admin = await BrokerAdmin.ConnectAsync();
        var topic = admin.NewTopic("call");
        var probe = new Probe();
        await using var server = await StartReplierAsync(topic, probe);
        await using var client = await MessagingTestHost.StartAsync(_ => { }, output);
        var requestId = RequestContext.NewId();

        HostInstances reply;
        using (RequestContext.Begin(requestId))
        {
            reply = await client.Rpc.CallAsync<HostInstances>(topic, new GetHostInstances { Host = "h1" }, TimeSpan.FromSeconds(15));
        }

        var instance = Assert.Single(reply.Instances);
        Assert.Equal("h1", instance.Host);
        Assert.Equal(requestId, instance.InstanceId); // the handler echoes the request id it ran under
        Assert.Equal(requestId, (await probe.SeenAsync("h1")).AmbientRequestId);
        await Eventually.UntilAsync(() => admin.ReadyCountAsync(topic), n => n == 0, "request acked");
    }

    [Fact]
    public async Task Concurrent_calls_get_their_own_replies()
    {
        await using var admin = await BrokerAdmin.ConnectAsync();
        var topic = admin.NewTopic("calls");
        await using var server = await StartReplierAsync(topic, new Probe());
        await using var client = await MessagingTestHost.StartAsync(_ => { }, output);

        var replies = await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            client.Rpc.CallAsync<HostInstances>(topic, new GetHostInstances { Host = "h" + i }, TimeSpan.FromSeconds(15))));

        Assert.Equal(Enumerable.Range(0, 50).Select(i => "h" + i), replies.Select(r => r.Instances.Single().Host));
    }

    [Fact]
    public async Task A_remote_NotFound_surfaces_as_NotFound()
    {
        await using var admin = await BrokerAdmin.ConnectAsync();
        var topic = admin.NewTopic("notfound");
        await using var server = await StartReplierAsync(topic, new Probe());
        await using var client = await MessagingTestHost.StartAsync(_ => { }, output);

        var e = await Assert.ThrowsAsync<NotFoundException>(() =>
            client.Rpc.CallAsync<HostInstances>(topic, new GetHostInstances { Host = "missing" }, TimeSpan.FromSeconds(15)));

        Assert.Equal("Compute host missing could not be found.", e.Message);
        await Eventually.UntilAsync(() => admin.ReadyCountAsync(topic), n => n == 0, "request acked");
        Assert.Equal(0u, await admin.ReadyCountAsync(topic + ".dead"));
    }

    [Fact]
    public async Task A_call_nobody_answers_times_out_quickly_with_ServiceUnavailable()
    {
        await using var admin = await BrokerAdmin.ConnectAsync();
        var topic = admin.NewTopic("silent");
        await using var client = await MessagingTestHost.StartAsync(_ => { }, output,
            new Dictionary<string, string?> { ["Rpc:RpcResponseTimeout"] = "00:00:00.400" });
        await client.Rpc.CastAsync(topic, new BuildInstance()); // warm up: connection, topology, channel

        var watch = Stopwatch.StartNew();
        var e = await Assert.ThrowsAsync<ServiceUnavailableException>(() =>
            client.Rpc.CallAsync<HostInstances>(topic, new GetHostInstances { Host = "h1" }));
        watch.Stop();

        Assert.Equal($"No reply from {topic} for controlplane.rpc.v1.GetHostInstances within 0.4 s (rpc_response_timeout).", e.Message);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(350), TimeSpan.FromSeconds(3));
        output.WriteLine($"timeout surfaced after {watch.Elapsed.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task A_call_of_a_type_the_queue_does_not_handle_fails_fast_with_Invalid()
    {
        await using var admin = await BrokerAdmin.ConnectAsync();
        var topic = admin.NewTopic("wrongtype");
        await using var server = await MessagingTestHost.StartAsync(s =>
        {
            s.AddSingleton(new Probe());
            s.AddRpcConsumer(_ => topic).Handle<BuildInstance, ProbeCastHandler>();
        }, output);
        await server.WaitConsumingAsync(topic);

        var e = await Assert.ThrowsAsync<InvalidException>(() =>
            server.Rpc.CallAsync<HostInstances>(topic, new GetHostInstances(), TimeSpan.FromSeconds(15)));

        Assert.Contains("no handler for message type controlplane.rpc.v1.GetHostInstances", e.Message);
        await Eventually.UntilAsync(() => admin.ReadyCountAsync(topic + ".dead"), n => n == 1, "the call dead-lettered");
    }
}
