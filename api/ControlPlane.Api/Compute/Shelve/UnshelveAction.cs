using System.Text.Json;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Microversions;
using ControlPlane.Api.Policy;
using ControlPlane.Conductor.Rpc;

namespace ControlPlane.Api.Compute.Shelve;

/// <summary>The <c>unshelve</c> server action (<see cref="UnshelveRequestParser"/>): an <see cref="UnshelveCall"/>; 202 with no body.</summary>
public sealed class UnshelveAction(ConductorRpcClient conductor, IComputePolicy policy, ILogger<UnshelveAction> logger) : IServerAction
{
    /// <summary>The action key.</summary>
    public const string Name = "unshelve";

    /// <inheritdoc />
    public string Key => Name;

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value) => Parse(value, ApiVersion.Min);

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value, ApiVersion version) =>
        new UnshelveCall(UnshelveRequestParser.Parse(value, version), conductor, policy, logger);
}
