using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using XapiSim.Hosting;

namespace ControlPlane.Bench.Resize;

/// <summary>A XapiSim host in this process on 127.0.0.1 (random port), its SR under <c>dataDirectory</c>.</summary>
internal sealed class InProcessSim(WebApplication app, Uri url) : IAsyncDisposable
{
    /// <summary>The password of the simulated root account.</summary>
    public const string Password = "bench-resize";

    /// <summary>The simulator's XAPI URL.</summary>
    public Uri Url { get; } = url;

    /// <summary>Starts a simulator named <paramref name="hostName"/>.</summary>
    public static async Task<InProcessSim> StartAsync(string hostName, string dataDirectory)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ApplicationName = typeof(XapiSimExtensions).Assembly.GetName().Name });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sim:HostName"] = hostName,
            ["Sim:DataDirectory"] = dataDirectory,
            ["Sim:Password"] = Password,
            ["Sim:SrPhysicalSize"] = (200L << 30).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sim:HostMemory"] = (64L << 30).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Sim:Gc:QuietPeriod"] = "00:00:01",
        });
        builder.Logging.ClearProviders();
        builder.AddXapiSim();
        var app = builder.Build();
        app.MapXapiSim();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new InProcessSim(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
