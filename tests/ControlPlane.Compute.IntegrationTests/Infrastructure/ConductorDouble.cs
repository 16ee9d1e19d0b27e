using ControlPlane.Compute.Rpc;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Messaging.DependencyInjection;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ControlPlane.Compute.IntegrationTests.Infrastructure;

/// <summary>
/// A stand-in conductor process on the real broker: consumes a per-test queue, records what compute
/// hosts report, answers <c>GetHostInstances</c>, and casts work to compute hosts.
/// </summary>
public sealed class ConductorDouble : IAsyncDisposable
{
    private readonly IHost _host;

    private ConductorDouble(IHost host, string topic, ConductorRecorder recorder)
    {
        _host = host;
        Topic = topic;
        Recorder = recorder;
    }

    public string Topic { get; }

    public ConductorRecorder Recorder { get; }

    /// <summary>Casts to compute hosts the way the real conductor does.</summary>
    public ComputeRpcClient Compute => _host.Services.GetRequiredService<ComputeRpcClient>();

    public static async Task<ConductorDouble> StartAsync(string topic, ConductorRecorder? recorder = null)
    {
        recorder ??= new ConductorRecorder();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = TestEnvironment.RabbitMq,
            ["Rpc:ConnectionName"] = topic,
            ["Rpc:ReconnectDelay"] = "00:00:00.500",
        });
        builder.Services.AddSingleton(recorder);
        builder.Services.AddRpcMessaging(builder.Configuration).AddComputeRpcClient().AddConductorRpcClient();
        builder.Services.AddRpcConsumer(_ => topic)
            .Handle<InstanceUpdate, RecordingCastHandler<InstanceUpdate>>()
            .Handle<BuildFailed, RecordingCastHandler<BuildFailed>>()
            .Handle<ServiceReport, RecordingCastHandler<ServiceReport>>()
            .Reply<GetHostInstances, HostInstances, HostInstancesReplier>();
        var host = builder.Build();
        await host.StartAsync();
        return new ConductorDouble(host, topic, recorder);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
