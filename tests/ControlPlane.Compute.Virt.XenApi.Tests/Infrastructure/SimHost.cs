using ControlPlane.XenApi.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using XapiSim.Hosting;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Infrastructure;

/// <summary>A XapiSim host running in-process over real HTTP on 127.0.0.1 (random port) with its own data directory.</summary>
internal sealed class SimHost : IAsyncDisposable
{
    public const string Password = "driver-test-password";
    private readonly WebApplication app;
    private readonly List<HttpClient> clients = [];

    private SimHost(WebApplication app, Uri url, string dataDirectory)
    {
        this.app = app;
        Url = url;
        DataDirectory = dataDirectory;
    }

    public Uri Url { get; }

    public string DataDirectory { get; }

    public string SrDirectory => Path.Combine(DataDirectory, "sr");

    public static async Task<SimHost> StartAsync()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "xenapi-driver-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>
        {
            ["Sim:HostName"] = "xs-driver-test",
            ["Sim:DataDirectory"] = dataDirectory,
            ["Sim:Password"] = Password,
            ["Sim:SrPhysicalSize"] = (40L << 30).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sim:Gc:QuietPeriod"] = "00:00:00.200",
        };
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(XapiSimExtensions).Assembly.GetName().Name });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.AddXapiSim();
        var app = builder.Build();
        app.MapXapiSim();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimHost(app, new Uri(address), dataDirectory);
    }

    /// <summary>An independent XenAPI session (the test's own view, as an operator's tool would have).</summary>
    public XenApiSession NewSession()
    {
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        clients.Add(http);
        return new XenApiSession(new XenApiConnectionOptions { Url = Url, Password = Password, TaskPollInterval = TimeSpan.FromMilliseconds(20) }, http);
    }

    public async ValueTask DisposeAsync()
    {
        clients.ForEach(c => c.Dispose());
        await app.StopAsync();
        await app.DisposeAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
