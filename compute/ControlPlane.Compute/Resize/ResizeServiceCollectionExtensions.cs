using ControlPlane.Compute.Operations;
using ControlPlane.Hosting.Grpc;
using ControlPlane.Hosting.Options;
using ControlPlane.Messaging.Consuming;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ControlPlane.Compute.Resize;

/// <summary>Registration of the resize steps, the disk transfer client and the disk receiver.</summary>
public static class ResizeServiceCollectionExtensions
{
    /// <summary>Adds the options, the incoming-migration registry, the sinks and the six resize step operations.</summary>
    public static RpcConsumerBuilder AddResize(this RpcConsumerBuilder consumer, IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddValidatedOptions<ResizeOptions, ResizeOptionsValidator>(ResizeOptions.SectionName);
        builder.Services.AddSingleton<IncomingMigrations>();
        builder.Services.AddSingleton<IMigrationDiskSinks, MigrationDiskSinks>();
        builder.Services.AddGrpc();
        return consumer
            .HandleOperation<PrepResize, PrepResizeOperation>()
            .HandleOperation<ResizeInstance, ResizeInstanceOperation>()
            .HandleOperation<FinishResize, FinishResizeOperation>()
            .HandleOperation<ConfirmResize, ConfirmResizeOperation>()
            .HandleOperation<RevertResize, RevertResizeOperation>()
            .HandleOperation<FinishRevertResize, FinishRevertResizeOperation>();
    }

    /// <summary>Listens on the <c>--urls</c> endpoints (HTTP/1.1) and on <see cref="ResizeOptions.TransferPort"/> (h2c) for the disk receiver.</summary>
    public static WebApplicationBuilder AddResizeTransferEndpoint(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new ResizeOptions();
        builder.Configuration.GetSection(ResizeOptions.SectionName).Bind(options);
        builder.WebHost.ConfigureKestrel(k => GrpcKestrelEndpoints.Configure(k, builder.Configuration["urls"], "http://localhost:5000",
            System.Net.IPAddress.Parse(options.TransferAddress), options.TransferPort, ResizeOptions.SectionName + ":TransferPort"));
        return builder;
    }

    /// <summary>Maps the disk receiver.</summary>
    public static IEndpointRouteBuilder MapResizeTransfer(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<MigrationTransferService>();
        return app;
    }
}
