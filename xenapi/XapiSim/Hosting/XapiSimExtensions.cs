using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using XapiSim.Console;
using XapiSim.Dispatch;
using XapiSim.Endpoints;
using XapiSim.Faults;
using XapiSim.Gc;
using XapiSim.Messages;
using XapiSim.Options;
using XapiSim.State;
using XapiSim.Storage;

namespace XapiSim.Hosting;

/// <summary>All registrations and endpoints of the simulator.</summary>
public static class XapiSimExtensions
{
    public static WebApplicationBuilder AddXapiSim(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SimOptions>().Bind(builder.Configuration.GetSection(SimOptions.Section)).ValidateOnStart();
        services.AddOptions<GcOptions>().Bind(builder.Configuration.GetSection(GcOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SimOptions>, SimOptionsValidator>();
        services.AddSingleton<IValidateOptions<GcOptions>, GcOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SimDatabase(sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SimPersistence>();
        services.AddSingleton<SimBootstrap>();
        services.AddSingleton<FaultRegistry>();
        services.AddSingleton<SimSwitches>();
        services.AddSingleton<SrStorage>();
        services.AddSingleton<SrScanner>();
        services.AddSingleton<SrSpace>();
        services.AddSingleton<SuspendImages>();
        services.AddSingleton<GcPass>();
        services.AddSingleton<SrGarbageCollector>();
        services.AddHostedService(sp => sp.GetRequiredService<SrGarbageCollector>());
        services.AddSingleton<ISimMessageSet, SessionMessages>();
        services.AddSingleton<ISimMessageSet, VmMessages>();
        services.AddSingleton<ISimMessageSet, VbdMessages>();
        services.AddSingleton<ISimMessageSet, VdiMessages>();
        services.AddSingleton<ISimMessageSet, VdiSnapshotMessages>();
        services.AddSingleton<ISimMessageSet, SrMessages>();
        services.AddSingleton<ISimMessageSet, HostMessages>();
        services.AddSingleton<ISimMessageSet, TaskMessages>();
        services.AddSingleton<SimMessageRegistry>();
        services.AddSingleton<SimDispatcher>();
        services.AddSingleton<XmlRpcEndpoint>();
        services.AddSingleton<JsonRpcEndpoint>();
        services.AddSingleton<VdiTransferEndpoints>();
        services.AddSingleton<ConsoleGate>();

        // The console is reached with HTTP CONNECT on the API port: a connection middleware takes those connections.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureEndpointDefaults(listen =>
            listen.Use(next => connection => listen.ApplicationServices.GetRequiredService<ConsoleGate>().HandleAsync(connection, next))));
        return builder;
    }

    public static WebApplication MapXapiSim(this WebApplication app)
    {
        app.Services.GetRequiredService<SimBootstrap>().Initialize();
        app.UseMiddleware<ExportFaultMiddleware>();
        app.MapPost("/", (HttpContext c, XmlRpcEndpoint e) => e.HandleAsync(c));
        app.MapPost("/RPC2", (HttpContext c, XmlRpcEndpoint e) => e.HandleAsync(c));
        app.MapPost("/jsonrpc", (HttpContext c, JsonRpcEndpoint e) => e.HandleAsync(c));
        app.MapGet("/export_raw_vdi", (HttpContext c, VdiTransferEndpoints e) => e.ExportAsync(c));
        app.MapPut("/import_raw_vdi", (HttpContext c, VdiTransferEndpoints e) => e.ImportAsync(c));
        app.MapGet("/healthz", () => Results.Text("ok"));
        app.MapAdminEndpoints();
        return app;
    }
}
