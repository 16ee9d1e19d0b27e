using System.Text.Json;
using ControlPlane.Api.Compute.Lock;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Microversions;
using ControlPlane.Protos.V1;
using Grpc.Core;

namespace ControlPlane.Api.Grpc;

/// <summary>
/// The server actions of <c>controlplane.v1.Servers</c>: each parses its input as the REST action of the same key at
/// the latest microversion and runs through the same <see cref="Compute.Actions.ServerActionRunner"/> (policy, lock,
/// host, states, driver feature, compare-and-set with the action row, cast), then answers the server as it is now.
/// </summary>
public sealed partial class ServersGrpcService
{
    private static readonly JsonElement NoArguments = JsonDocument.Parse("null").RootElement.Clone();

    /// <inheritdoc />
    public override Task<Server> LockServer(LockServerRequest request, ServerCallContext context) =>
        ActAsync(request.Id, LockAction.Name, request.LockedReason.Length == 0
            ? NoArguments
            : JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["locked_reason"] = request.LockedReason }), context);

    /// <inheritdoc />
    public override Task<Server> UnlockServer(ServerActionRequest request, ServerCallContext context) =>
        ActAsync(request.Id, UnlockAction.Name, NoArguments, context);

    /// <inheritdoc />
    public override Task<Server> PauseServer(ServerActionRequest request, ServerCallContext context) =>
        ActAsync(request.Id, ActionKeys.Pause, NoArguments, context);

    /// <inheritdoc />
    public override Task<Server> UnpauseServer(ServerActionRequest request, ServerCallContext context) =>
        ActAsync(request.Id, ActionKeys.Unpause, NoArguments, context);

    /// <inheritdoc />
    public override Task<Server> SuspendServer(ServerActionRequest request, ServerCallContext context) =>
        ActAsync(request.Id, ActionKeys.Suspend, NoArguments, context);

    /// <inheritdoc />
    public override Task<Server> ResumeServer(ServerActionRequest request, ServerCallContext context) =>
        ActAsync(request.Id, ActionKeys.Resume, NoArguments, context);

    private async Task<Server> ActAsync(string id, string key, JsonElement value, ServerCallContext context)
    {
        var principal = BearerAuthInterceptor.Principal(context);
        var action = actions.Find(key) ?? throw new InvalidOperationException($"The server action '{key}' is not registered.");
        await runner.RunAsync(principal, id, () => Task.FromResult(action.Parse(value, ApiVersion.Max)), context.CancellationToken);
        return ToProto(await api.GetAsync(principal, id, context.CancellationToken));
    }
}
