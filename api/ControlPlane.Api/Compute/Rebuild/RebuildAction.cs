using System.Text.Json;
using System.Text.Json.Nodes;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.Images;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Microversions;
using ControlPlane.Api.Options;
using ControlPlane.Compute.Rpc;
using ControlPlane.Data.Instances;
using ControlPlane.Data.KeyPairs;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.Rebuild;

/// <summary>
/// The <c>rebuild</c> server action (<see cref="Domain.Operations.InstanceOperations.Rebuild"/>): parse
/// (<see cref="RebuildRequestParser"/> at the request's microversion), run a <see cref="RebuildCall"/>, answer 202 with the
/// server as it reads once the rebuild started plus <c>adminPass</c> (unless instance passwords are disabled), as Nova.
/// </summary>
public sealed class RebuildAction(
    ImageServiceClient images, KeyPairStore keyPairs, InstanceRebuildStore store, ComputeRpcClient compute,
    IOptions<ApiOptions> options, ILogger<RebuildAction> logger) : IServerAction
{
    /// <summary>The action key.</summary>
    public const string Name = "rebuild";

    /// <inheritdoc />
    public string Key => Name;

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value) => Parse(value, ApiVersion.Min);

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value, ApiVersion version) => Call(RebuildRequestParser.Parse(value, version));

    /// <summary>The call for an already parsed request (the gRPC API's entry).</summary>
    public RebuildCall Call(RebuildRequest request) => new(request, images, keyPairs, store, compute, logger);

    /// <summary>The password the caller is shown, or null when instance passwords are disabled.</summary>
    public string? VisiblePassword(RebuildCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        return options.Value.EnableInstancePassword ? call.AdminPass : null;
    }

    /// <inheritdoc />
    public IResult Respond(HttpContext context, ServerActionCall call)
    {
        ArgumentNullException.ThrowIfNull(context);
        var rebuild = (RebuildCall)call;
        var instance = rebuild.Rebuilt ?? throw new InvalidOperationException("The rebuild was not started.");
        var server = ServerView.Render(instance, ServerViewKind.Update, context.Microversion(), context.Principal().IsAdmin, ComputeLinks.For(context));
        if (VisiblePassword(rebuild) is { } password)
        {
            server["adminPass"] = password;
        }
        return Results.Json(new JsonObject { ["server"] = server }, statusCode: StatusCodes.Status202Accepted);
    }
}
