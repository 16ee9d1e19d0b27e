using ControlPlane.Hosting.Resilience;
using ControlPlane.Api.Compute.Consoles;
using ControlPlane.Api.Compute.Flavors;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.ImagesProxy;
using ControlPlane.Api.Compute.Migrations;
using ControlPlane.Api.Compute.KeyPairs;
using ControlPlane.Api.Compute.ServerGroups;
using ControlPlane.Api.Compute.Metadata;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Compute.Tags;
using ControlPlane.Api.Compute.Versions;
using ControlPlane.Api.Edge;
using ControlPlane.Api.Grpc;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Microversions;
using ControlPlane.Hosting.RequestText;
using ControlPlane.Api.Policy;

namespace ControlPlane.Api.Extensions;

/// <summary>The api's HTTP pipeline and routes.</summary>
public static class ApiEndpointExtensions
{
    /// <summary>
    /// Error translation and the path/query text check for all REST routes; identity; compute version documents (no auth); the
    /// compute API under /compute/v2.1 behind microversion negotiation and token authentication; gRPC.
    /// </summary>
    public static WebApplication MapApi(this WebApplication app)
    {
        app.UseWhen(IsRest, rest =>
        {
            rest.UseMiddleware<ErrorTranslationMiddleware>();
            rest.UseTransientFaults();
            rest.UseMiddleware<RequestTextMiddleware>();
        });
        app.UseWhen(IsComputeApi, compute =>
        {
            compute.UseMiddleware<MicroversionMiddleware>();
            compute.UseMiddleware<ComputeAuthMiddleware>();
            compute.UseMiddleware<ComputePolicyMiddleware>();
        });
        app.MapIdentity();
        app.MapComputeVersions();
        var computeGroup = app.MapGroup("/compute/v2.1");
        computeGroup.MapFlavors().MapServers().MapInstanceActions().MapKeyPairs().MapServerGroups().MapImagesProxy().MapRemoteConsoles().MapMigrations();
        computeGroup.MapServerMetadata().MapServerTags().MapImageMetadata();
        // NOTE(api): server actions are operation definitions whose runner applies each definition's rule; the
        // route itself needs at least Nova's floor for every action (member of the project, or admin).
        computeGroup.MapGroup(string.Empty).RequirePolicy("project_member_or_admin").MapServerActions();
        app.MapGrpcService<ServersGrpcService>();
        app.MapGrpcService<ServerGroupsGrpcService>();
        return app;
    }

    private static bool IsRest(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/identity") || context.Request.Path.StartsWithSegments("/compute");

    /// <summary>Compute requests that need a microversion and a token: all of /compute/v2.1 except its version document.</summary>
    private static bool IsComputeApi(HttpContext context)
    {
        var path = context.Request.Path;
        return path.StartsWithSegments("/compute/v2.1", out var rest) && rest.HasValue && rest.Value != "/";
    }
}
