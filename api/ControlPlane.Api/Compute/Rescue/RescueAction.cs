using System.Text.Json;
using System.Text.Json.Nodes;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Options;
using ControlPlane.Compute.Rpc;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.Rescue;

/// <summary>
/// The <c>rescue</c> server action (<see cref="Domain.Operations.InstanceOperations.Rescue"/>): parse
/// (<see cref="RescueRequestParser"/>), run a <see cref="RescueCall"/>, answer 200 with <c>{"adminPass": ...}</c>, or
/// <c>{}</c> when <see cref="ApiOptions.EnableInstancePassword"/> is off (Nova's <c>rescue.py</c>).
/// </summary>
public sealed class RescueAction(RescueImages images, ComputeRpcClient compute, IOptions<ApiOptions> options) : IServerAction
{
    /// <summary>The action key.</summary>
    public const string Name = "rescue";

    /// <inheritdoc />
    public string Key => Name;

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value) => Call(RescueRequestParser.Parse(value));

    /// <summary>The call for an already parsed request (the gRPC API's entry).</summary>
    public RescueCall Call(RescueRequest request) => new(request, images, compute);

    /// <summary>The password the caller is shown, or null when instance passwords are disabled.</summary>
    public string? VisiblePassword(RescueCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return options.Value.EnableInstancePassword ? call.AdminPass : null;
    }

    /// <inheritdoc />
    public IResult Respond(HttpContext context, ServerActionCall call) =>
        Results.Json(VisiblePassword((RescueCall)call) is { } password ? new JsonObject { ["adminPass"] = password } : new JsonObject(),
            statusCode: StatusCodes.Status200OK);
}
