using ControlPlane.Hosting;
using ControlPlane.Messaging.Abstractions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Compute.IntegrationTests.Infrastructure;

/// <summary>
/// The compute service in process, built as Program.cs builds it (service defaults + compute
/// services, HTTP on an ephemeral port), on the real broker; only the conductor's queue name is
/// redirected to the test's own.
/// </summary>
public sealed class ComputeTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ComputeTestHost(WebApplication app, string host)
    {
        _app = app;
        Host = host;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    /// <summary>The compute host name (its queue is <c>compute.&lt;Host&gt;</c>).</summary>
    public string Host { get; }

    /// <summary>A client of the host's health endpoints.</summary>
    public HttpClient Http { get; }

    public T Get<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    public static async Task<ComputeTestHost> StartAsync(string host, string conductorTopic, IDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Development" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:rabbitmq"] = TestEnvironment.RabbitMq,
            ["Compute:Host"] = host,
            ["Compute:ReportInterval"] = "00:00:01",
            ["Compute:ReconcileRetryDelay"] = "00:00:00.200",
            ["Compute:ReconcileRetryMaxDelay"] = "00:00:01",
            ["Rpc:ConnectionName"] = "compute-" + host,
            ["Rpc:RpcResponseTimeout"] = "00:00:02",
            ["Rpc:ReconnectDelay"] = "00:00:00.500",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        builder.AddServiceDefaults();
        builder.AddComputeServices();
        RedirectConductor(builder.Services, conductorTopic);
        var app = builder.Build();
        app.MapServiceDefaults();
        await app.StartAsync();
        return new ComputeTestHost(app, host);
    }

    private static void RedirectConductor(IServiceCollection services, string conductorTopic)
    {
        var real = services.Last(d => d.ServiceType == typeof(IRpcClient));
        var implementation = real.ImplementationType ?? throw new InvalidOperationException("IRpcClient is expected to be registered by type.");
        services.Remove(real);
        services.AddSingleton(implementation);
        services.AddSingleton<IRpcClient>(sp => new TopicRedirectingRpcClient(
            (IRpcClient)sp.GetRequiredService(implementation), Topics.Conductor, conductorTopic));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
