using System.Collections.Concurrent;
using ControlPlane.Compute.Rpc;
using ControlPlane.Compute.Virt.Fake.Rfb;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Messaging.DependencyInjection;
using ControlPlane.Protos.ConsoleAuth.V1;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ControlPlane.ConsoleAuth.IntegrationTests.Infrastructure;

/// <summary>
/// A compute host as consoleauth sees it: a consumer on a unique <c>compute.&lt;host&gt;</c> queue of the real RabbitMQ that
/// answers <c>validate_console_port</c>, and the FakeDriver's real RFB endpoint for the instances it "runs".
/// </summary>
public sealed class FakeComputeHost : IAsyncDisposable
{
    private readonly ConcurrentDictionary<Guid, string> _running = new();
    private IHost? _host;

    /// <summary>The unique host name (queue <c>compute.&lt;Name&gt;</c>).</summary>
    public string Name { get; } = "cit-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>The console endpoint.</summary>
    public FakeConsoleServer Consoles { get; }

    /// <summary>validate_console_port calls answered.</summary>
    public int Validations => _validations;

    private int _validations;

    private FakeComputeHost()
    {
        Consoles = new FakeConsoleServer(id => _running.TryGetValue(id, out var name) ? name : null);
    }

    /// <summary>Starts the consumer and the console endpoint.</summary>
    public static async Task<FakeComputeHost> StartAsync()
    {
        var compute = new FakeComputeHost();
        compute.Consoles.Start(0);
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:rabbitmq"] = TestEnvironment.RabbitMq });
        builder.Services.AddSingleton(compute);
        builder.Services.AddRpcMessaging(builder.Configuration).AddComputeRpcClient();
        builder.Services.AddRpcConsumer(_ => Topics.Compute(compute.Name)).Reply<ValidateConsolePort, ConsolePortValidity, ValidateHandler>();
        compute._host = builder.Build();
        await compute._host.StartAsync();
        return compute;
    }

    /// <summary>Starts "running" an instance: its console answers from now on.</summary>
    public void Run(Guid instanceId, string name) => _running[instanceId] = name;

    /// <summary>Stops the instance: validate_console_port says no, its console refuses CONNECT.</summary>
    public void Stop(Guid instanceId) => _running.TryRemove(instanceId, out _);

    /// <summary>An Authorize request for a console of <paramref name="instanceId"/> on this host.</summary>
    public AuthorizeRequest AuthorizeRequest(Guid instanceId) => new()
    {
        InstanceId = instanceId.ToString("D"),
        InstanceName = _running.TryGetValue(instanceId, out var name) ? name : "instance-x",
        ComputeHost = Name,
        ConsoleType = "novnc",
        Endpoint = new ConsoleEndpoint { Host = "127.0.0.1", Port = Consoles.Port, InternalAccessPath = Consoles.PathFor(instanceId) },
        AccessUrlBase = "http://127.0.0.1:6080/vnc_auto.html",
    };

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Consoles.Dispose();
        if (_host is not null)
        {
            await _host.StopAsync();
            _host.Dispose();
        }
    }

    private sealed class ValidateHandler(FakeComputeHost compute) : IRpcCallHandler<ValidateConsolePort, ConsolePortValidity>
    {
        public Task<ConsolePortValidity> HandleAsync(ValidateConsolePort request, RpcContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref compute._validations);
            var valid = Guid.TryParse(request.Instance.InstanceId, out var id) && compute._running.ContainsKey(id) && request.Port == compute.Consoles.Port;
            return Task.FromResult(new ConsolePortValidity { Valid = valid });
        }
    }
}
