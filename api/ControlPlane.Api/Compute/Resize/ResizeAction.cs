using System.Text.Json;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Options;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Data.Flavors;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Operations;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.Resize;

/// <summary>The <c>resize</c> server action (<see cref="InstanceOperations.Resize"/>): 202, the conductor does the rest.</summary>
public sealed class ResizeAction(FlavorStore flavors, InstanceWriter writer, ConductorRpcClient conductor, IOptions<ApiOptions> options, TimeProvider clock) : IServerAction
{
    /// <summary>The action key.</summary>
    public const string Name = "resize";

    /// <inheritdoc />
    public string Key => Name;

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value) => Call(ResizeRequestParser.ParseResize(value));

    /// <summary>The call for an already parsed request (the gRPC API's entry).</summary>
    public ResizeCall Call(ResizeRequest request) => new(InstanceOperations.Resize, request, flavors, writer, conductor, options, clock);
}
