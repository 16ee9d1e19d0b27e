using System.Text.Json;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.Images;
using ControlPlane.Api.Compute.Power;
using ControlPlane.Compute.Rpc;

namespace ControlPlane.Api.Compute.Shelve;

/// <summary>The <c>shelve</c> server action (value null or <c>{}</c>): a <see cref="ShelveCall"/>; 202 with no body.</summary>
public sealed class ShelveAction(ImageServiceClient images, ComputeRpcClient compute, ILogger<ShelveAction> logger) : IServerAction
{
    /// <summary>The action key.</summary>
    public const string Name = "shelve";

    /// <inheritdoc />
    public string Key => Name;

    /// <inheritdoc />
    public ServerActionCall Parse(JsonElement value)
    {
        ActionArguments.EnsureNone(Key, value);
        return new ShelveCall(images, compute, logger);
    }
}
