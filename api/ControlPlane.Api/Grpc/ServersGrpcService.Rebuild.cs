using System.Text.Json;
using System.Text.Json.Nodes;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.ConsoleLogs;
using ControlPlane.Api.Compute.Rebuild;
using ControlPlane.Api.Microversions;
using ControlPlane.Protos.V1;
using Grpc.Core;

namespace ControlPlane.Api.Grpc;

/// <summary>Rebuild and the console log of <c>controlplane.v1.Servers</c>: the REST actions' parsers (at the latest
/// microversion) and calls, run by the same runner.</summary>
public sealed partial class ServersGrpcService
{
    /// <inheritdoc />
    public override async Task<RebuildServerResponse> RebuildServer(RebuildServerRequest request, ServerCallContext context)
    {
        var principal = BearerAuthInterceptor.Principal(context);
        var action = (RebuildAction)(actions.Find(RebuildAction.Name) ?? throw new InvalidOperationException("The rebuild action is not registered."));
        var value = new JsonObject { ["imageRef"] = request.ImageRef, ["preserve_ephemeral"] = request.PreserveEphemeral };
        if (request.Name.Length > 0)
        {
            value["name"] = request.Name;
        }
        if (request.AdminPass.Length > 0)
        {
            value["adminPass"] = request.AdminPass;
        }
        if (request.ReplaceMetadata)
        {
            value["metadata"] = new JsonObject(request.Metadata.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        }
        RebuildCall? call = null;
        var element = JsonSerializer.SerializeToElement(value);
        await runner.RunAsync(principal, request.Id, () =>
        {
            call = (RebuildCall)action.Parse(element, ApiVersion.Max);
            return Task.FromResult<ServerActionCall>(call);
        }, context.CancellationToken);
        return new RebuildServerResponse
        {
            Server = ToProto(await api.GetAsync(principal, request.Id, context.CancellationToken)),
            AdminPass = action.VisiblePassword(call!) ?? string.Empty,
        };
    }

    /// <inheritdoc />
    public override async Task<GetConsoleOutputResponse> GetConsoleOutput(GetConsoleOutputRequest request, ServerCallContext context)
    {
        var action = (ConsoleOutputAction)(actions.Find(ConsoleOutputAction.Name) ?? throw new InvalidOperationException("The console output action is not registered."));
        var value = request.HasLength ? new JsonObject { ["length"] = request.Length } : new JsonObject();
        var call = (ConsoleOutputCall)action.Parse(JsonSerializer.SerializeToElement(value));
        await runner.RunAsync(BearerAuthInterceptor.Principal(context), request.Id, call, context.CancellationToken);
        return new GetConsoleOutputResponse { Output = call.Output ?? string.Empty };
    }
}
