using System.Text.Json;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Data.Resize;
using ControlPlane.Domain.Operations;

namespace ControlPlane.Api.Compute.Resize;

/// <summary>
/// The <c>confirmResize</c> (<see cref="InstanceOperations.ConfirmResize"/>, 204) and <c>revertResize</c>
/// (<see cref="InstanceOperations.RevertResize"/>, 202) server actions (any value, as Nova); the conductor resolves the
/// server's open migration. One instance per key (<see cref="ResizeServiceCollectionExtensions.AddResizeActions"/>).
/// </summary>
/// <param name="revert">True for <c>revertResize</c>.</param>
/// <param name="migrations">The migration records.</param>
/// <param name="conductor">The conductor RPC client.</param>
public sealed class ResolveResizeAction(bool revert, MigrationStore migrations, ConductorRpcClient conductor) : IServerAction
{
    /// <summary>The confirm action key.</summary>
    public const string Confirm = "confirmResize";

    /// <summary>The revert action key.</summary>
    public const string Revert = "revertResize";

    /// <inheritdoc />
    public string Key => revert ? Revert : Confirm;

    /// <inheritdoc />
    /// <remarks>Nova declares no schema for these two actions: any value is accepted (clients send <c>null</c> or
    /// <c>{}</c>; tempest sends <c>{}</c>).</remarks>
    public ServerActionCall Parse(JsonElement value) => Call();

    /// <summary>The call (the gRPC API's entry).</summary>
    public ResolveResizeCall Call() =>
        new(revert ? InstanceOperations.RevertResize : InstanceOperations.ConfirmResize, revert, migrations, conductor);

    /// <inheritdoc />
    public IResult Respond(HttpContext context, ServerActionCall call) =>
        Results.StatusCode(revert ? StatusCodes.Status202Accepted : StatusCodes.Status204NoContent);
}
