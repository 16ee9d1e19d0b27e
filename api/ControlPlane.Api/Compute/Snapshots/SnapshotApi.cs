using System.Text.Json.Nodes;
using ControlPlane.Api.Compute.ImagesProxy;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Identity;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Context;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.States;
using ControlPlane.Messaging.Clients;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.Snapshots;

/// <summary>
/// The service-API side of <c>createImage</c> (Nova's <c>compute/api.py snapshot</c>): state checks, the
/// image record created first (queued, with the user's token), the compare-and-set of the task state
/// none → image_snapshot_pending, the instance action, then the cast to the instance's host. When the
/// snapshot cannot start (lost compare-and-set, failed cast) the image record is deleted again.
/// </summary>
public sealed class SnapshotApi(
    ComputeApi servers,
    GlanceImagesClient glance,
    InstanceStateStore states,
    InstanceWriter writer,
    ComputeRpcClient compute,
    TimeProvider timeProvider,
    ILogger<SnapshotApi> logger)
{
    /// <summary>vm_states a server may be snapshotted in (Nova, later form).</summary>
    public static readonly IReadOnlySet<string> AllowedVmStates = new HashSet<string>(StringComparer.Ordinal)
    {
        VmState.Active, VmState.Stopped, "paused", "suspended",
    };

    /// <summary>Starts a snapshot of server <paramref name="serverId"/>; returns the new image's id.</summary>
    public async Task<CreatedImage> CreateImageAsync(RequestPrincipal principal, string serverId, CreateImageRequest request, CancellationToken cancellationToken)
    {
        var instance = await servers.GetAsync(principal, serverId, cancellationToken);
        EnsureSnapshottable(instance);

        var image = await glance.CreateAsync(await NewImageAsync(principal, instance, request, cancellationToken), principal.Token, cancellationToken);
        if (!Guid.TryParse(image["id"]?.GetValue<string>(), out var imageId))
        {
            throw new ServiceUnavailableException("The image service created an image without an id.");
        }

        var requestId = RequestContext.Current ?? RequestContext.NewId();
        try
        {
            await writer.BeginActionAsync(instance.Id, new TaskStateTransition { ExpectedTaskStates = [null], TaskState = TaskState.ImageSnapshotPending },
                "createImage", requestId, principal.UserId, principal.ProjectId, timeProvider.GetUtcNow(), cancellationToken);
        }
        catch (UnexpectedTaskStateException e)
        {
            await RollBackImageAsync(principal, imageId, instance.Id, "task state changed");
            throw new ConflictException($"Cannot 'createImage' instance {instance.Id} while it is in task_state {e.Actual ?? "None"}", e);
        }

        var message = new SnapshotInstance { Instance = ComputeApi.ToSpec(instance, TaskState.ImageSnapshotPending), ImageId = imageId.ToString("D") };
        try
        {
            await compute.SnapshotInstanceAsync(instance.Host!, message, CancellationToken.None);
        }
        catch (ServiceUnavailableException)
        {
            await states.ApplyAsync(instance.Id, new TaskStateTransition { ExpectedTaskStates = [TaskState.ImageSnapshotPending], TaskState = null }, null, CancellationToken.None);
            await RollBackImageAsync(principal, imageId, instance.Id, "cast failed");
            throw;
        }
        SnapshotApiLog.SnapshotRequested(logger, instance.Id, imageId, instance.Host!);
        return new CreatedImage(imageId, instance.Id);
    }

    /// <summary>409 unless the server is in a snapshottable vm_state, has no task and has a host.</summary>
    public static void EnsureSnapshottable(InstanceRecord instance)
    {
        if (!string.IsNullOrEmpty(instance.TaskState))
        {
            throw new ConflictException($"Cannot 'createImage' instance {instance.Id} while it is in task_state {instance.TaskState}");
        }
        if (!AllowedVmStates.Contains(instance.VmState) || string.IsNullOrEmpty(instance.Host))
        {
            throw new ConflictException($"Cannot 'createImage' instance {instance.Id} while it is in vm_state {instance.VmState}");
        }
    }

    /// <summary>
    /// The image record: container ovf, disk vhd, private; properties image_type=snapshot, instance_uuid,
    /// base_image_ref, user_id, then the user's metadata, which takes precedence over them (as Nova's
    /// extra_properties; tempest sets image_type); Glance base attributes in the metadata are ignored.
    /// min_ram from the base image, min_disk the larger of the flavor's root disk and the base image's min_disk.
    /// </summary>
    public static JsonObject BuildImageRecord(InstanceRecord instance, CreateImageRequest request, string userId, int baseMinRam, int baseMinDisk)
    {
        var flavor = FlavorSnapshot.Parse(instance.FlavorJson);
        var record = new JsonObject
        {
            ["image_type"] = "snapshot",
            ["instance_uuid"] = instance.Id.ToString("D"),
            ["base_image_ref"] = instance.ImageRef,
            ["user_id"] = userId,
        };
        foreach (var (key, value) in request.Metadata)
        {
            if (!ImageProxyView.BaseAttributes.Contains(key))
            {
                record[key] = value;
            }
        }
        record["name"] = request.Name;
        record["container_format"] = "ovf";
        record["disk_format"] = "vhd";
        record["visibility"] = "private";
        record["min_ram"] = baseMinRam;
        record["min_disk"] = Math.Max(flavor.RootGb, baseMinDisk);
        return record;
    }

    private async Task<JsonObject> NewImageAsync(RequestPrincipal principal, InstanceRecord instance, CreateImageRequest request, CancellationToken cancellationToken)
    {
        JsonObject? baseImage = Guid.TryParse(instance.ImageRef, out var baseId)
            ? await glance.FindAsync(baseId, principal.Token, cancellationToken)
            : null;
        return BuildImageRecord(instance, request, principal.UserId, Int(baseImage?["min_ram"]), Int(baseImage?["min_disk"]));
    }

    private async Task RollBackImageAsync(RequestPrincipal principal, Guid imageId, Guid instanceId, string reason)
    {
        try
        {
            await glance.DeleteAsync(imageId, principal.Token, CancellationToken.None);
            SnapshotApiLog.ImageRolledBack(logger, imageId, instanceId, reason);
        }
        catch (ControlPlaneException e)
        {
            SnapshotApiLog.RollbackFailed(logger, e, imageId);
        }
    }

    private static int Int(JsonNode? value) => value is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0;
}
