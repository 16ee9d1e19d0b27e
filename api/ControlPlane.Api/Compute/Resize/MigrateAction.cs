using System.Text.Json;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Microversions;
using ControlPlane.Api.Options;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Data.Flavors;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Operations;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.Resize;

/// <summary>The admin <c>migrate</c> server action (<see cref="InstanceOperations.Migrate"/>): a cold migration to the
/// same flavor on another host (from 2.56 an optional <c>host</c>); 202.</summary>
public sealed class MigrateAction(FlavorStore flavors, InstanceWriter writer, ConductorRpcClient conductor, IOptions<ApiOptions> options, TimeProvider clock) : IServerAction
{
    /// <summary>The action key.</summary>
    public const string Name = "migrate";

    /// <inheritdoc />
    public string Key => Name;

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value) => Parse(value, new ApiVersion(2, 1));

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value, ApiVersion version) => Call(ResizeRequestParser.ParseMigrate(value, version));

    /// <summary>The call for an already parsed request (the gRPC API's entry).</summary>
    public ResizeCall Call(ResizeRequest request) => new(InstanceOperations.Migrate, request, flavors, writer, conductor, options, clock);
}
