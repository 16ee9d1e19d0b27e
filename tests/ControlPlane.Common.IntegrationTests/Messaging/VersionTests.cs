using System.Text;
using ControlPlane.Common.IntegrationTests.Infrastructure;
using ControlPlane.Messaging.DependencyInjection;
using ControlPlane.Messaging.Wire;
using ControlPlane.Protos.Rpc.V1;
using Google.Protobuf;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ControlPlane.Common.IntegrationTests.Messaging;

/// <summary>A consumer refuses what its declared RPC version cannot handle: dead-lettered, never handled, logged, and a caller is told.</summary>
[Trait("Category", "Integration")]
public sealed class VersionTests(ITestOutputHelper output)
{
    private Task<MessagingTestHost> StartConsumerAsync(string topic, string implements, Probe probe, LogCapture logs) =>
        MessagingTestHost.StartAsync(s =>
        {
            s.AddSingleton(probe);
            s.AddSingleton<ILoggerProvider>(logs);
            s.AddRpcConsumer(_ => topic)
                .Implements(implements)
                .Handle<BuildInstance, ProbeCastHandler>()
                .Reply<GetHostInstances, HostInstances, ProbeCallHandler>();
        }, output);

    private static Dictionary<string, object?> Headers(string version) => new()
    {
        ["type"] = Encoding.UTF8.GetBytes(BuildInstance.Descriptor.FullName),
        ["rpc_version"] = Encoding.UTF8.GetBytes(version),
        ["request_id"] = Encoding.UTF8.GetBytes("req-" + Guid.NewGuid().ToString("D")),
    };

    [Fact]
    public async Task A_cast_of_an_unknown_major_version_is_dead_lettered_with_a_typed_error_and_a_log_line()
    {
        await using var admin = await BrokerAdmin.ConnectAsync();
        var topic = admin.NewTopic("version-cast");
        var probe = new Probe();
        var logs = new LogCapture();
        await using var host = await StartConsumerAsync(topic, "1.4", probe, logs);
        await host.WaitConsumingAsync(topic);
        var build = new BuildInstance { Instance = new InstanceSpec { InstanceId = "from-the-future" } }.ToByteArray();

        await admin.PublishRawAsync(topic, build, Headers("2.0"));
        await admin.PublishRawAsync(topic, build, Headers("1.5"));
        await admin.PublishRawAsync(topic, new BuildInstance { Instance = new InstanceSpec { InstanceId = "current" } }.ToByteArray(), Headers("1.3"));

        await probe.SeenAsync("current");
        await Eventually.UntilAsync(() => admin.ReadyCountAsync(topic + ".dead"), n => n == 2, "both newer messages dead-lettered");
        Assert.Equal(["current"], probe.All.Select(s => s.Key));
        Assert.Equal(0u, await admin.ReadyCountAsync(topic));
        var refused = logs.Lines.Where(l => l.EventId.Id == 237).ToList();
        Assert.Equal(2, refused.Count);
        Assert.All(refused, l => Assert.Equal(LogLevel.Error, l.Level));
        Assert.All(refused, l => Assert.IsType<RpcVersionException>(l.Exception));
        Assert.Contains(refused, l => l.Message.Contains("RPC version 2.0 is not implemented here (1.4)", StringComparison.Ordinal));
        var versions = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var dead = await admin.GetAsync(topic + ".dead");
            versions.Add(RpcMessageHeaders.ReadString(dead!.BasicProperties.Headers, RpcMessageHeaders.VersionHeader)!);
        }
        Assert.Equal(["1.5", "2.0"], versions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_call_the_receiver_cannot_handle_is_answered_with_the_typed_error_and_dead_lettered()
    {
        await using var admin = await BrokerAdmin.ConnectAsync();
        var topic = admin.NewTopic("version-call");
        var probe = new Probe();
        var logs = new LogCapture();
        // The receiver implements major 2; the client sends the 1.x of RpcVersions.ForTopic: an unknown major there.
        await using var server = await StartConsumerAsync(topic, "2.0", probe, logs);
        await using var client = await MessagingTestHost.StartAsync(_ => { }, output);

        var error = await Assert.ThrowsAsync<RpcVersionException>(() =>
            client.Rpc.CallAsync<HostInstances>(topic, new GetHostInstances { Host = "h1" }, TimeSpan.FromSeconds(15)));

        Assert.Contains("it implements 2.0", error.Message, StringComparison.Ordinal);
        await Eventually.UntilAsync(() => admin.ReadyCountAsync(topic + ".dead"), n => n == 1, "the call dead-lettered");
        Assert.Empty(probe.All);
        Assert.Single(logs.Lines, l => l.EventId.Id == 237);
    }
}
