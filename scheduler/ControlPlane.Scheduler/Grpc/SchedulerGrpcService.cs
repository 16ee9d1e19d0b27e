using ControlPlane.Domain.Errors;
using ControlPlane.Protos.Scheduler.V1;
using ControlPlane.Scheduler.Grains.Capacity;
using ControlPlane.Scheduler.Rpc;
using ControlPlane.Scheduler.Scheduling;
using Grpc.Core;

namespace ControlPlane.Scheduler.Grpc;

/// <summary>
/// <c>controlplane.scheduler.v1.Scheduler</c>: the same host selection and claim the conductor uses.
/// The claim is keyed by <c>instance_id</c> (a repeated call returns the host already claimed, if
/// it still fits the filters); an empty <c>destinations</c> list means no valid host.
/// Only <c>count</c> 0 or 1 is supported (one claim per instance).
/// </summary>
public sealed class SchedulerGrpcService(SchedulerService scheduler) : Protos.Scheduler.V1.Scheduler.SchedulerBase
{
    public override async Task<SelectDestinationsReply> SelectDestinations(SelectDestinationsRequest request, ServerCallContext context)
    {
        var instanceId = MessageIds.Instance(request.InstanceId);
        var flavor = request.Flavor ?? throw new InvalidException("flavor is required.");
        if (flavor.MemoryMb <= 0 || flavor.Vcpus <= 0 || flavor.RootGb < 0 || flavor.EphemeralGb < 0 || flavor.SwapMb < 0)
        {
            throw new InvalidException("flavor memory_mb and vcpus must be positive, root_gb, ephemeral_gb and swap_mb not negative.");
        }
        if (request.Count is < 0 or > 1)
        {
            throw new InvalidException($"count {request.Count} is not supported: only 0 or 1 destination per instance.");
        }
        var excluded = request.ExcludedHosts.ToHashSet(StringComparer.Ordinal);
        var resources = Resources.ForFlavor(flavor.MemoryMb, flavor.Vcpus, flavor.RootGb, flavor.EphemeralGb, flavor.SwapMb);
        var host = await scheduler.SelectAndClaimAsync(instanceId, resources, excluded, context.CancellationToken);
        var reply = new SelectDestinationsReply();
        if (host is not null)
        {
            reply.Destinations.Add(new Destination { Host = host, Node = host });
        }
        return reply;
    }
}
