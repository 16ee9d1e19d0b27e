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

    private SimHost(WebApplication app, Uri url, string dataDirectory, System.Collections.Concurrent.ConcurrentQueue<(long?, string)> uploads)
    {
        this.app = app;
        Uploads = uploads;
        Url = url;
        DataDirectory = dataDirectory;
    }

    public Uri Url { get; }

    public string DataDirectory { get; }

    public string SrDirectory => Path.Combine(DataDirectory, "sr");

    /// <summary>Framing of every <c>import_raw_vdi</c> upload seen: (Content-Length, Transfer-Encoding).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<(long? ContentLength, string TransferEncoding)> Uploads { get; }

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
        var uploads = new System.Collections.Concurrent.ConcurrentQueue<(long?, string)>();
        app.Use((context, next) =>
        {
            if (context.Request.Path == "/import_raw_vdi")
            {
                uploads.Enqueue((context.Request.ContentLength, context.Request.Headers.TransferEncoding.ToString()));
            }

            return next(context);
        });
        app.MapXapiSim();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SimHost(app, new Uri(address), dataDirectory, uploads);
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
