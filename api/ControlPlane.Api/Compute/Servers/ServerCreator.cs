using System.Security.Cryptography;
using System.Text.Json;
using ControlPlane.Api.Compute.Images;
using ControlPlane.Api.Compute.ServerGroups;
using ControlPlane.Api.Diagnostics;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Options;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Data.Flavors;
using ControlPlane.Data.Instances;
using ControlPlane.Data.KeyPairs;
using ControlPlane.Domain.Context;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>
/// Creates a server (Nova's <c>compute/api.py create</c>): flavor, image, key pair and server group checks, quota, the
/// insert as building / scheduling (with the group membership), then the <c>build_instance</c> cast to the conductor.
/// </summary>
public sealed class ServerCreator(
    FlavorStore flavors,
    KeyPairStore keyPairs,
    ServerGroupApi serverGroups,
    ImageServiceClient images,
    InstanceWriter writer,
    InstanceStateStore states,
    ConductorRpcClient conductor,
    IOptions<ApiOptions> options,
    TimeProvider timeProvider,
    ILogger<ServerCreator> logger)
{
    /// <summary>Creates a server: flavor and image checks, quota, insert as building/scheduling, cast build_instance.</summary>
    public async Task<CreatedServer> CreateAsync(RequestPrincipal principal, CreateServerRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(request);
        var flavor = await flavors.FindAsync(request.FlavorRef, cancellationToken)
            ?? throw new InvalidException($"Flavor {request.FlavorRef} could not be found.");
        if (flavor.Disabled)
        {
            throw new InvalidException("Flavor is disabled.");
        }
        var image = await images.FindInfoAsync(request.ImageRef, principal.Token, cancellationToken)
            ?? throw new InvalidException($"Image {request.ImageRef} could not be found.");
        if (image.Status != "active")
        {
            throw new InvalidException($"Image {image.Id} is not active.");
        }
        FlavorImageFit.Check(flavor.MemoryMb, flavor.RootGb, image);
        var keyPair = request.KeyName is null ? null
            : await keyPairs.FindAsync(principal.UserId, request.KeyName, cancellationToken)
              ?? throw new InvalidException($"Invalid key_name provided: key pair '{request.KeyName}' not found.");

        var group = request.ServerGroupId is { } groupId ? await serverGroups.ForHintAsync(principal, groupId, cancellationToken) : null;

        var id = Guid.NewGuid();
        var reservation = "r-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var limits = new QuotaLimits(options.Value.QuotaInstances, options.Value.QuotaCores, options.Value.QuotaRamMb) { ServerGroupMembers = serverGroups.MembersQuota };
        var instance = new NewInstance
        {
            Id = id, ProjectId = principal.ProjectId, UserId = principal.UserId, DisplayName = request.Name,
            DisplayDescription = request.Description, Hostname = request.Hostname ?? Hostnames.Sanitize(request.Name, id),
            FlavorId = flavor.Id, FlavorJson = FlavorSnapshot.ToJson(flavor), Vcpus = flavor.Vcpus, MemoryMb = flavor.MemoryMb,
            ImageRef = image.Id.ToString("D"), ReservationId = reservation, AvailabilityZone = request.AvailabilityZone,
            KeyName = keyPair?.Name, KeyData = keyPair?.PublicKey, UserData = request.UserData, AccessIpV4 = request.AccessIpV4, AccessIpV6 = request.AccessIpV6,
            ConfigDrive = request.ConfigDrive ? "True" : string.Empty, AutoDiskConfig = request.AutoDiskConfig,
            MetadataJson = JsonSerializer.Serialize(request.Metadata), Tags = request.Tags,
            RequestId = RequestContext.Current ?? RequestContext.NewId(), Now = timeProvider.GetUtcNow(), ServerGroupId = group?.Id,
        };
        var internalId = await writer.InsertAsync(instance, limits, cancellationToken);
        try
        {
            await conductor.BuildInstanceAsync(new BuildInstance { Instance = InstanceSpecs.ForBuild(instance, internalId, flavor) }, CancellationToken.None);
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
}
