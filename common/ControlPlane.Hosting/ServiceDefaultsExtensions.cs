using ControlPlane.Hosting.Diagnostics;
using ControlPlane.Hosting.Options;
using ControlPlane.Hosting.RequestIds;
using ControlPlane.Hosting.Resilience;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ControlPlane.Hosting;

/// <summary>
/// Cross-cutting defaults every ControlPlane service uses, so that no service re-implements them:
/// <code>
/// var builder = WebApplication.CreateBuilder(args);
/// builder.AddServiceDefaults();
/// builder.AddMyServiceServices();          // the service's own Extensions.cs
/// var app = builder.Build();
/// app.MapServiceDefaults();                // first, so the request id is set for everything after it
/// app.MapMyServiceEndpoints();
/// app.Run();
/// </code>
/// </summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Liveness endpoint: 200 whenever the process serves HTTP.</summary>
    public const string LivenessPath = "/healthz";

    /// <summary>Readiness endpoint: runs every health check tagged <see cref="ReadyTag"/>.</summary>
    public const string ReadinessPath = "/readyz";

    /// <summary>Prometheus scrape endpoint.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>Tag of the health checks that <c>/readyz</c> runs (databases, RabbitMQ, ...).</summary>
    public const string ReadyTag = "ready";

    /// <summary>Default log levels: our code at Information, framework and client libraries at Warning.</summary>
    private static readonly Dictionary<string, string?> DefaultLogLevels = new()
    {
        ["Logging:LogLevel:Default"] = "Information",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "Warning",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Warning",
        ["Logging:LogLevel:Npgsql"] = "Warning",
        ["Logging:LogLevel:Orleans"] = "Warning",
        ["Logging:LogLevel:Grpc"] = "Warning",
    };

    /// <summary>Tag of the liveness check.</summary>
    public const string LiveTag = "live";

    /// <summary>ActivitySource / Meter names of our own libraries that telemetry listens to.</summary>
    public static readonly string[] TelemetrySources = ["ControlPlane.Messaging", "ControlPlane.Data"];

    /// <summary>
    /// Adds structured single-line JSON console logging with scopes (request id on every line),
    /// OpenTelemetry tracing (ASP.NET Core, HttpClient, ControlPlane.Messaging) and metrics with the
    /// Prometheus exporter, health checks, <see cref="TimeProvider.System"/> and the start-up dump of
    /// effective options (see <see cref="OptionsRegistrationExtensions.AddValidatedOptions{TOptions, TValidator}(IHostApplicationBuilder, string)"/>).
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // NOTE: lowest-priority defaults; appsettings, environment and command line override them.
        // Per-request framework lines at Information cost more than the requests they describe.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = DefaultLogLevels });
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.JsonWriterOptions = new System.Text.Json.JsonWriterOptions { Indented = false };
        });
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(builder.Environment.ApplicationName))
            .WithTracing(t => t
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !IsInfrastructurePath(ctx.Request.Path))
                .AddHttpClientInstrumentation()
                .AddSource(TelemetrySources))
            .WithMetrics(m => m
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeMeters()
                .AddMeter(TelemetrySources)
                .AddPrometheusExporter());

        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddOptionsStartupLogging();
        builder.Services.AddTransientFaultPolicy(builder.Configuration);
        builder.Services.AddSingleton<IHttpContextFactory>(sp =>
            new RequestIdHttpContextFactory(ActivatorUtilities.CreateInstance<DefaultHttpContextFactory>(sp)));
        return builder;
    }

    /// <summary>
    /// Adds the request-id middleware (<c>X-OpenStack-Request-ID</c> in, <c>X-OpenStack-Request-ID</c>
    /// and <c>X-Compute-Request-Id</c> out, <c>RequestContext</c> and the <c>RequestId</c> log scope set)
    /// and maps <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>. Call it right after <c>Build()</c>.
    /// </summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        app.UseMiddleware<RequestIdMiddleware>();
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = r => r.Tags.Contains(LiveTag) });
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        });
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }

    private static bool IsInfrastructurePath(Microsoft.AspNetCore.Http.PathString path) =>
        path.StartsWithSegments(LivenessPath) || path.StartsWithSegments(ReadinessPath) || path.StartsWithSegments(MetricsPath);

    private static MeterProviderBuilder AddRuntimeMeters(this MeterProviderBuilder builder) =>
        builder.AddMeter("System.Runtime", "Microsoft.AspNetCore.Server.Kestrel");
}
