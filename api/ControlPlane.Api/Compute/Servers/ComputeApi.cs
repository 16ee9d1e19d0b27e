using System.Security.Cryptography;
using System.Text.Json;
using ControlPlane.Api.Compute.Consoles;
using ControlPlane.Api.Compute.Images;
using ControlPlane.Api.Diagnostics;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Options;
using ControlPlane.Data.Flavors;
using ControlPlane.Data.Instances;
using ControlPlane.Data.KeyPairs;
using ControlPlane.Domain.Context;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.States;
using ControlPlane.Messaging.Clients;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>
/// The compute service API (Nova's <c>compute/api.py</c>): every precondition, authorization scope,
/// quota and state transition of a server operation, then the cast to the conductor or compute.
/// Transports (REST endpoints, gRPC service) parse and render only.
/// </summary>
public sealed class ComputeApi(
    FlavorStore flavors,
    KeyPairStore keyPairs,
    InstanceRepository instances,
    InstanceWriter writer,
    InstanceStateStore states,
    InstanceActionStore actions,
    ImageServiceClient images,
    ConductorRpcClient conductor,
    ComputeRpcClient compute,
    ConsoleRevocation consoles,
    IOptions<ApiOptions> options,
    TimeProvider timeProvider,
    ILogger<ComputeApi> logger)
{
    /// <summary>Creates a server: flavor and image checks, quota, insert as building/scheduling, cast build_instance.</summary>
    public async Task<CreatedServer> CreateAsync(RequestPrincipal principal, CreateServerRequest request, CancellationToken cancellationToken)
    {
        var flavor = await flavors.FindAsync(request.FlavorRef, cancellationToken)
            ?? throw new InvalidException($"Flavor {request.FlavorRef} could not be found.");
        if (flavor.Disabled)
        {
            throw new InvalidException("Flavor is disabled.");
        }
        var image = await images.FindAsync(request.ImageRef, principal.Token, cancellationToken)
            ?? throw new InvalidException($"Image {request.ImageRef} could not be found.");
        if (image.Status != "active")
        {
            throw new InvalidException($"Image {image.Id} is not active.");
        }
        CheckFlavorFitsImage(flavor, image);
        var keyPair = request.KeyName is null ? null
            : await keyPairs.FindAsync(principal.UserId, request.KeyName, cancellationToken)
              ?? throw new InvalidException($"Invalid key_name provided: key pair '{request.KeyName}' not found.");

        var now = timeProvider.GetUtcNow();
        var id = Guid.NewGuid();
        var reservation = "r-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var limits = new QuotaLimits(options.Value.QuotaInstances, options.Value.QuotaCores, options.Value.QuotaRamMb);
        var internalId = await writer.InsertAsync(new NewInstance
        {
            Id = id, ProjectId = principal.ProjectId, UserId = principal.UserId, DisplayName = request.Name,
            DisplayDescription = request.Description, Hostname = request.Hostname ?? Hostnames.Sanitize(request.Name, id),
            FlavorId = flavor.Id, FlavorJson = FlavorSnapshot.ToJson(flavor), Vcpus = flavor.Vcpus, MemoryMb = flavor.MemoryMb,
            ImageRef = image.Id.ToString("D"), ReservationId = reservation, AvailabilityZone = request.AvailabilityZone,
            KeyName = keyPair?.Name, KeyData = keyPair?.PublicKey, UserData = request.UserData, AccessIpV4 = request.AccessIpV4, AccessIpV6 = request.AccessIpV6,
            ConfigDrive = request.ConfigDrive ? "True" : string.Empty, AutoDiskConfig = request.AutoDiskConfig,
            MetadataJson = JsonSerializer.Serialize(request.Metadata), Tags = request.Tags,
            RequestId = RequestContext.Current ?? RequestContext.NewId(), Now = now,
        }, limits, cancellationToken);

        var spec = new InstanceSpec
        {
            InstanceId = id.ToString("D"), ProjectId = principal.ProjectId, UserId = principal.UserId, DisplayName = request.Name,
            InstanceName = "instance-" + internalId.ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
            Flavor = FlavorSnapshot.ToSpec(flavor), ImageId = image.Id.ToString("D"),
            VmState = VmState.Building, TaskState = TaskState.Scheduling, PowerState = 0,
        };
        try
        {
            await conductor.BuildInstanceAsync(new BuildInstance { Instance = spec }, CancellationToken.None);
        }
        catch (ServiceUnavailableException e)
        {
            // NOTE(api): the row is committed (the conductor must find it when the cast arrives), so a
            // failed cast cannot be undone by rolling back; the server goes to ERROR and the user sees why.
            ApiLog.BuildCastFailed(logger, e, id);
            await states.ApplyAsync(id, new TaskStateTransition { ExpectedTaskStates = [TaskState.Scheduling], TaskState = null, VmState = VmState.Error }, null, CancellationToken.None);
            throw;
        }
        ApiLog.ServerCreated(logger, id, principal.ProjectId, flavor.Id, image.Id.ToString("D"));
        return new CreatedServer(id, request.AdminPass ?? AdminPasswords.Generate(), reservation, request.AutoDiskConfig);
    }

    /// <summary>A live server the principal may see (its project's, or any for admin); 404 otherwise, also for a non-UUID id.</summary>
    public Task<InstanceRecord> GetAsync(RequestPrincipal principal, string id, CancellationToken cancellationToken, bool includeDeleted = false) =>
        instances.GetAsync(ParseId(id), principal.IsAdmin ? null : principal.ProjectId, includeDeleted, cancellationToken);

    /// <summary>Lists servers; all_tenants needs the admin role (403 otherwise, as Nova's policy).</summary>
    public async Task<IReadOnlyList<InstanceRecord>> ListAsync(RequestPrincipal principal, ServerListRequest request, bool detail, CancellationToken cancellationToken)
    {
        if (request.AllTenants && !principal.IsAdmin)
        {
            throw new ForbiddenException($"Policy doesn't allow os_compute_api:servers:{(detail ? "detail" : "index")}:get_all_tenants to be performed.");
        }
        if (request.NoMatch)
        {
            return [];
        }
        var query = request.Query with { ProjectId = request.AllTenants ? request.TenantFilter : principal.ProjectId };
        return await instances.ListAsync(query, cancellationToken);
    }

    /// <summary>Applies a user update and returns the updated server.</summary>
    public async Task<InstanceRecord> UpdateAsync(RequestPrincipal principal, string id, InstanceUserUpdate update, CancellationToken cancellationToken)
    {
        var instance = await GetAsync(principal, id, cancellationToken);
        await writer.UpdateAsync(instance.Id, update, timeProvider.GetUtcNow(), cancellationToken);
        return await GetAsync(principal, id, cancellationToken);
    }

    /// <summary>
    /// Deletes a server: without a host it is deleted in the database at once; with a host its task
    /// state becomes <c>deleting</c> (compare-and-set on the state read) and the host is told to terminate it.
    /// A delete of a server already deleting is accepted and does nothing more.
    /// </summary>
    public async Task DeleteAsync(RequestPrincipal principal, string id, CancellationToken cancellationToken)
    {
        // Nova's delete does not expect a task state; ours compares-and-sets on the state read, so a
        // concurrent state change (e.g. a build finishing) is retried on a fresh read, a bounded number of times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await DeleteOnceAsync(principal, id, cancellationToken);
                await consoles.RevokeAfterAsync(ParseId(id), "delete");
                return;
            }
            catch (UnexpectedTaskStateException e) when (attempt < 3)
            {
                Power.PowerApiLog.DeleteRetried(logger, e, id, attempt);
            }
        }
    }

    private async Task DeleteOnceAsync(RequestPrincipal principal, string id, CancellationToken cancellationToken)
    {
        var instance = await GetAsync(principal, id, cancellationToken);
        if (instance.Locked && !principal.IsAdmin)
        {
            throw new ConflictException($"Instance {instance.Id} is locked");
        }
        if (instance.TaskState == TaskState.Deleting)
        {
            return;
        }
        var now = timeProvider.GetUtcNow();
        var requestId = RequestContext.Current ?? RequestContext.NewId();
        if (instance.Host is null)
        {
            await writer.DeleteWithoutHostAsync(instance.Id, instance.TaskState, now, cancellationToken);
            await writer.RecordActionAsync(instance.Id, "delete", requestId, principal.UserId, principal.ProjectId, now, cancellationToken);
            ApiLog.ServerDeletedLocally(logger, instance.Id);
            return;
        }
        if (instance.HostStatus is "DOWN" or "UNKNOWN")
        {
            // NOTE(api): Nova's local delete. The scheduler's in-memory claim on the host is not released
            // here; it is rebuilt without this instance when the host's grain next activates.
            await writer.DeleteOnDownHostAsync(instance.Id, instance.Host, instance.TaskState, now, cancellationToken);
            await writer.RecordActionAsync(instance.Id, "delete", requestId, principal.UserId, principal.ProjectId, now, cancellationToken);
            ApiLog.ServerDeletedLocally(logger, instance.Id);
            return;
        }
        await writer.BeginActionAsync(instance.Id, new TaskStateTransition { ExpectedTaskStates = [instance.TaskState], TaskState = TaskState.Deleting },
            "delete", requestId, principal.UserId, principal.ProjectId, now, cancellationToken);
        ApiLog.ServerDeleteRequested(logger, instance.Id, instance.Host);
        await compute.TerminateInstanceAsync(instance.Host, new TerminateInstance { Instance = ToSpec(instance, TaskState.Deleting) }, CancellationToken.None);
    }

    /// <summary>The server's instance actions, newest first (deleted servers included, as Nova from 2.21).</summary>
    public async Task<IReadOnlyList<InstanceActionRecord>> ListActionsAsync(RequestPrincipal principal, string id, bool includeDeleted, CancellationToken cancellationToken)
    {
        var instance = await GetAsync(principal, id, cancellationToken, includeDeleted);
        return await actions.ListAsync(instance.Id, cancellationToken);
    }

    /// <summary>One instance action with its events; 404 when unknown.</summary>
    public async Task<InstanceActionRecord> GetActionAsync(RequestPrincipal principal, string id, string requestId, bool includeDeleted, CancellationToken cancellationToken)
    {
        var instance = await GetAsync(principal, id, cancellationToken, includeDeleted);
        return await actions.GetAsync(instance.Id, requestId, cancellationToken)
            ?? throw new NotFoundException($"Action for request_id {requestId} on instance {instance.Id} not found");
    }

    /// <summary>The RPC form of an instance.</summary>
    public static InstanceSpec ToSpec(InstanceRecord instance, string? taskState) => new()
    {
        InstanceId = instance.Id.ToString("D"), ProjectId = instance.ProjectId, UserId = instance.UserId, DisplayName = instance.DisplayName,
        InstanceName = instance.InstanceName, Flavor = FlavorSnapshot.ToSpec(FlavorSnapshot.Parse(instance.FlavorJson)),
        ImageId = instance.ImageRef, VmState = instance.VmState, TaskState = taskState ?? string.Empty, PowerState = instance.PowerState,
        Host = instance.Host ?? string.Empty,
    };

    private static Guid ParseId(string id) =>
        Guid.TryParseExact(id, "D", out var g) || Guid.TryParseExact(id, "N", out g) ? g : throw new NotFoundException($"Instance {id} could not be found.");

    private static void CheckFlavorFitsImage(FlavorRecord flavor, ImageInfo image)
    {
        if (flavor.MemoryMb < image.MinRamMb)
        {
            throw new InvalidException("Flavor's memory is too small for requested image.");
        }
        if (flavor.RootGb > 0)
        {
            if (flavor.RootGb < image.MinDiskGb)
            {
                throw new InvalidException("Flavor's disk is too small for requested image.");
            }
            var rootBytes = (long)flavor.RootGb * 1024 * 1024 * 1024;
            if (image.SizeBytes > rootBytes)
            {
                throw new InvalidException($"Flavor's disk is too small for requested image. Flavor disk is {rootBytes} bytes, image is {image.SizeBytes} bytes.");
            }
        }
    }
}
