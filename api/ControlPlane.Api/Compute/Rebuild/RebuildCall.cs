using System.Text.Json;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.Images;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Compute.Rpc;
using ControlPlane.Data.Instances;
using ControlPlane.Data.KeyPairs;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Flavors;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.Rebuild;

/// <summary>
/// One <c>rebuild</c> (Nova's <c>compute/api.py rebuild</c>): once the runner's checks passed (states, lock, host, driver
/// feature), the image is checked as on create (exists, active, fits the instance's flavor) and the key pair looked up
/// (400, nothing written); the runner sets <c>rebuilding</c> with the action row; then the new image, name, metadata,
/// description, key, user data and access addresses are written (only while the task state is still
/// <c>rebuilding</c>) and <c>rebuild_instance</c> is cast. When the cast fails the fields are restored.
/// </summary>
public sealed class RebuildCall(
    RebuildRequest request, ImageServiceClient images, KeyPairStore keyPairs, InstanceRebuildStore store, ComputeRpcClient compute,
    ILogger logger) : ServerActionCall
{
    private InstanceRebuild? _original;
    private InstanceRebuild? _target;
    private bool _written;

    /// <inheritdoc />
    public override InstanceOperation Operation => InstanceOperations.Rebuild;

    /// <summary>The request.</summary>
    public RebuildRequest Request { get; } = request;

    /// <summary>The admin password of the rebuilt server (the given one, else generated).</summary>
    public string AdminPass { get; } = request.AdminPass ?? AdminPasswords.Generate();

    /// <summary>The instance as it reads once the rebuild started (after <see cref="CastAsync"/>).</summary>
    public InstanceRecord? Rebuilt { get; private set; }

    /// <inheritdoc />
    public override async Task PrepareAsync(ServerActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var instance = context.Instance;
        var image = await images.FindInfoAsync(Request.ImageRef, context.Principal.Token, cancellationToken)
            ?? throw new InvalidException($"Image {Request.ImageRef} could not be found.");
        if (image.Status != "active")
        {
            throw new InvalidException($"Image {image.Id} is not active.");
        }
        var flavor = FlavorCopy.Parse(instance.FlavorJson);
        FlavorImageFit.Check(flavor.MemoryMb, flavor.RootGb, image);
        KeyPairRecord? keyPair = null;
        if (Request is { HasKeyName: true, KeyName: { } keyName })
        {
            keyPair = await keyPairs.FindAsync(context.Principal.UserId, keyName, cancellationToken)
                ?? throw new InvalidException($"Invalid key_name provided: key pair '{keyName}' not found.");
        }

        // NOTE(api): the current key's public key is read too, so an undo restores the key exactly.
        var currentKey = Request.HasKeyName && instance.KeyName is { } current
            ? await keyPairs.FindAsync(instance.UserId, current, cancellationToken)
            : null;
        _original = new InstanceRebuild
        {
            SetKey = Request.HasKeyName, KeyData = currentKey?.PublicKey,
            ImageRef = instance.ImageRef, DisplayName = instance.DisplayName, MetadataJson = instance.MetadataJson,
            Description = instance.DisplayDescription, KeyName = instance.KeyName, UserData = instance.UserData,
            AccessIpV4 = instance.AccessIpV4, AccessIpV6 = instance.AccessIpV6, AutoDiskConfig = instance.AutoDiskConfig,
        };
        _target = _original with
        {
            ImageRef = image.Id.ToString("D"),
            DisplayName = Request.Name ?? instance.DisplayName,
            MetadataJson = Request.Metadata is { } metadata ? JsonSerializer.Serialize(metadata) : instance.MetadataJson,
            Description = Request.HasDescription ? Request.Description : instance.DisplayDescription,
            KeyName = keyPair?.Name, KeyData = keyPair?.PublicKey,
            UserData = Request.HasUserData ? Request.UserData : instance.UserData,
            AccessIpV4 = Request.HasAccessIpV4 ? Request.AccessIpV4 : instance.AccessIpV4,
            AccessIpV6 = Request.HasAccessIpV6 ? Request.AccessIpV6 : instance.AccessIpV6,
            AutoDiskConfig = Request.AutoDiskConfig ?? instance.AutoDiskConfig,
        };
    }

    /// <inheritdoc />
    public override async Task CastAsync(ServerActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var target = _target ?? throw new InvalidOperationException("The rebuild was not prepared.");
        var instance = context.Instance;
        await store.ApplyAsync(instance.Id, target, TaskState.Rebuilding, cancellationToken);
        _written = true;
        Rebuilt = instance with
        {
            ImageRef = target.ImageRef, DisplayName = target.DisplayName, MetadataJson = target.MetadataJson,
            DisplayDescription = target.Description, KeyName = target.SetKey ? target.KeyName : instance.KeyName,
            UserData = target.UserData, AccessIpV4 = target.AccessIpV4, AccessIpV6 = target.AccessIpV6,
            AutoDiskConfig = target.AutoDiskConfig, TaskState = TaskState.Rebuilding,
        };
        var spec = InstanceSpecs.From(Rebuilt, TaskState.Rebuilding);
        await compute.RebuildInstanceAsync(context.Host, new RebuildInstance
        {
            Instance = spec, OriginalImageId = instance.ImageRef, PreserveEphemeral = Request.PreserveEphemeral,
        }, cancellationToken);
        RebuildApiLog.Requested(logger, instance.Id, Request.ImageRef, instance.ImageRef, context.Host);
    }

    /// <inheritdoc />
    public override async Task RollBackAsync(ServerActionContext context, string reason)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!_written || _original is not { } original)
        {
            return;
        }
        try
        {
            await store.ApplyAsync(context.Instance.Id, original, null, CancellationToken.None);
            RebuildApiLog.Restored(logger, context.Instance.Id, reason);
        }
        catch (Exception e) when (e is ControlPlaneException or Npgsql.NpgsqlException)
        {
            RebuildApiLog.RestoreFailed(logger, e, context.Instance.Id);
        }
    }
}
