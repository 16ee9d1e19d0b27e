using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Policy;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.Shelve;

/// <summary>
/// One <c>unshelve</c> (Nova's <c>compute/api.py unshelve</c>): a host needs the admin rule
/// <c>os_compute_api:os-shelve:unshelve_to_host</c>; a zone or a host is only for an offloaded server (409 otherwise);
/// then the runner sets unshelving and this casts <c>schedule_unshelve</c> to the conductor, which schedules an
/// offloaded server again like a boot (or unshelves a shelved one on its host).
/// </summary>
public sealed class UnshelveCall(UnshelveRequest request, ConductorRpcClient conductor, IComputePolicy policy, ILogger logger) : ServerActionCall
{
    /// <summary>The rule for naming the host (2.91).</summary>
    public const string ToHostPolicy = "os_compute_api:os-shelve:unshelve_to_host";

    /// <summary>The parsed request.</summary>
    public UnshelveRequest Request => request;

    /// <inheritdoc />
    public override InstanceOperation Operation => InstanceOperations.Unshelve;

    /// <inheritdoc />
    public override Task PrepareAsync(ServerActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (request.Host is not null)
        {
            policy.Authorize(ToHostPolicy, context.Principal, context.Instance.ProjectId);
        }
        if (request.Targets && context.Instance.VmState != VmState.ShelvedOffloaded)
        {
            throw new ConflictException(
                $"The unshelve action on a server with availability_zone or host can only be performed when the server status is SHELVED_OFFLOADED; " +
                $"instance {context.Instance.Id} is in vm_state {context.Instance.VmState}.");
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override async Task CastAsync(ServerActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await conductor.ScheduleUnshelveAsync(new ScheduleUnshelve
        {
            InstanceId = context.Instance.Id.ToString("D"),
            Host = request.Host ?? string.Empty,
            AvailabilityZone = request.AvailabilityZone ?? string.Empty,
        }, cancellationToken);
        ShelveApiLog.UnshelveRequested(logger, context.Instance.Id, request.Host ?? "any", request.AvailabilityZone ?? "any");
    }
}
