using System.Text.Json;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Data.Resize;
using ControlPlane.Domain.Operations;

namespace ControlPlane.Api.Compute.Resize;

/// <summary>The <c>revertResize</c> server action (<see cref="InstanceOperations.RevertResize"/>): body <c>null</c>, 202.</summary>
public sealed class RevertResizeAction(MigrationStore migrations, ConductorRpcClient conductor) : IServerAction
{
    /// <summary>The action key.</summary>
    public const string Name = "revertResize";

    /// <inheritdoc />
    public string Key => Name;

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value) => value.ValueKind == JsonValueKind.Null
        ? Call()
        : throw BodyFields.Invalid(Name, value, $"{value.GetRawText()} is not of type 'null'");

    /// <summary>The call (the gRPC API's entry).</summary>
    public ResolveResizeCall Call() => new(InstanceOperations.RevertResize, revert: true, migrations, conductor);
}
