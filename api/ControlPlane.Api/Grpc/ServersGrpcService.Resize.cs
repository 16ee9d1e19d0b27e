using System.Text.Json;
using ControlPlane.Api.Compute.Resize;
using ControlPlane.Protos.V1;
using Grpc.Core;

namespace ControlPlane.Api.Grpc;

/// <summary>Resize, confirm, revert and cold migration of <c>controlplane.v1.Servers</c>: the REST actions' input, parsed
/// and run the same way (<see cref="ResizeRequestParser"/>, the runner).</summary>
public sealed partial class ServersGrpcService
{
    /// <inheritdoc />
    public override Task<Server> ResizeServer(ResizeServerRequest request, ServerCallContext context)
    {
        var body = new Dictionary<string, string> { ["flavorRef"] = request.FlavorRef };
        if (request.DiskConfig.Length > 0)
        {
            body["OS-DCF:diskConfig"] = request.DiskConfig;
        }
        return ActAsync(request.Id, ResizeAction.Name, JsonSerializer.SerializeToElement(body), context);
    }

    /// <inheritdoc />
    public override Task<Server> ConfirmResize(ServerActionRequest request, ServerCallContext context) =>
        ActAsync(request.Id, ResolveResizeAction.Confirm, NoArguments, context);

    /// <inheritdoc />
    public override Task<Server> RevertResize(ServerActionRequest request, ServerCallContext context) =>
        ActAsync(request.Id, ResolveResizeAction.Revert, NoArguments, context);

    /// <inheritdoc />
    public override Task<Server> MigrateServer(MigrateServerRequest request, ServerCallContext context) =>
        ActAsync(request.Id, MigrateAction.Name, request.Host.Length == 0
            ? NoArguments
            : JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["host"] = request.Host }), context);
}
