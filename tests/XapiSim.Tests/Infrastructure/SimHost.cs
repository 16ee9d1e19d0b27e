using System.Net.Http.Json;
using ControlPlane.XenApi.Sessions;
using ControlPlane.XenApi.Transport;
using ControlPlane.XenApi.Wire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using XapiSim.Hosting;

namespace XapiSim.Tests.Infrastructure;

/// <summary>A simulator running in-process over real HTTP on 127.0.0.1 (random port), with its own data directory.</summary>
internal sealed class SimHost : IAsyncDisposable
{
    public const string Password = "test-password";
    private readonly Dictionary<string, string?> settings;
    private readonly List<HttpClient> clients = [];
    private WebApplication app;

    private SimHost(WebApplication app, Uri url, string dataDirectory, Dictionary<string, string?> settings)
    {
        this.app = app;
        Url = url;
        DataDirectory = dataDirectory;
        this.settings = settings;
    }

    public Uri Url { get; private set; }

    public string DataDirectory { get; }

    public string SrDirectory => Path.Combine(DataDirectory, "sr");

    public IServiceProvider Services => app.Services;

    public static async Task<SimHost> StartAsync(IDictionary<string, string?>? extra = null)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "xapisim-tests", Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>
        {
            ["Sim:HostName"] = "xs-test",
            ["Sim:DataDirectory"] = dataDirectory,
            ["Sim:Password"] = Password,
            ["Sim:SrPhysicalSize"] = (4L << 30).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sim:Gc:QuietPeriod"] = "00:00:00.200",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        var (app, url) = await BootAsync(settings, "http://127.0.0.1:0");
        return new SimHost(app, url, dataDirectory, settings);
    }

    /// <summary>Stops the process-equivalent and starts it again on the same port and data directory.</summary>
    public async Task RestartAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        (app, Url) = await BootAsync(settings, Url.GetLeftPart(UriPartial.Authority));
    }

    public XenApiSession NewSession(XenApiProtocol protocol = XenApiProtocol.JsonRpc, JsonRpcVersion version = JsonRpcVersion.V2, string password = Password)
    {
        var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        clients.Add(http);
        return new XenApiSession(
            new XenApiConnectionOptions { Url = Url, Password = password, Protocol = protocol, JsonRpcVersion = version, TaskPollInterval = TimeSpan.FromMilliseconds(20) },
            http);
    }

    public HttpClient Http()
    {
        var http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(60) };
        clients.Add(http);
        return http;
    }

    public async Task AdminAsync(string path, object body)
    {
        using var response = await Http().PostAsJsonAsync(path, body);
        response.EnsureSuccessStatusCode();
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

    private static async Task<(WebApplication, Uri)> BootAsync(Dictionary<string, string?> settings, string url)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(XapiSimExtensions).Assembly.GetName().Name });
        builder.WebHost.UseUrls(url);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.AddXapiSim();
        var app = builder.Build();
        app.MapXapiSim();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (app, new Uri(address));
    }
}
