using ControlPlane.Messaging.Abstractions;
using ControlPlane.Messaging.Consuming;
using ControlPlane.Messaging.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace ControlPlane.Common.IntegrationTests.Infrastructure;

/// <summary>A generic host with the real messaging registration against the real broker, one per simulated service process.</summary>
public sealed class MessagingTestHost : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _disposed;

    private MessagingTestHost(IHost host, string connectionName)
    {
        _host = host;
        ConnectionName = connectionName;
    }

    /// <summary>The unique AMQP connection name of this host (as the management API shows it).</summary>
    public string ConnectionName { get; }

    /// <summary>The RPC client of this host.</summary>
    public IRpcClient Rpc => Get<IRpcClient>();

    /// <summary>Starts a host; <paramref name="configure"/> adds consumers and handlers' dependencies.</summary>
    public static async Task<MessagingTestHost> StartAsync(
        Action<IServiceCollection> configure, ITestOutputHelper? output = null, IDictionary<string, string?>? settings = null)
    {
        var connectionName = "itest-" + Guid.NewGuid().ToString("N");
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = TestEnvironment.RabbitMq,
            ["Rpc:ConnectionName"] = connectionName,
            ["Rpc:ReconnectDelay"] = "00:00:00.500",
            ["Rpc:SupervisionInterval"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }
        builder.Configuration.AddInMemoryCollection(values);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        if (output is not null)
        {
            builder.Logging.AddProvider(new TestOutputLoggerProvider(output, connectionName[..14]));
        }
        builder.Services.AddRpcMessaging(builder.Configuration);
        configure(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        return new MessagingTestHost(host, connectionName);
    }

    /// <summary>A service of this host.</summary>
    public T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>Waits until this host's consumer of <paramref name="topic"/> is subscribed.</summary>
    public Task WaitConsumingAsync(string topic) => Eventually.UntilAsync(
        () => Get<ConsumerStatus>().Topics.TryGetValue(topic, out var on) && on,
        $"{ConnectionName} consuming {topic}");

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        await _host.StopAsync();
        if (_host is IAsyncDisposable d)
        {
            await d.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
