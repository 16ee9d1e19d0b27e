using ControlPlane.Messaging.Abstractions;
using ControlPlane.Messaging.Wire;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Conductor.Rpc;

/// <summary>
/// Client side of the conductor RPC API (queue <c>conductor</c>, shared by all scheduler replicas).
/// Casts carry work and reports; the only call is the start-up question of a compute host.
/// Version history (minor: additive method or field; major: changed meaning or removal; see <c>ControlPlane.Compute.Rpc.ComputeRpcClient</c>):
/// 1.0 build_instance, build_failed, instance_update, service_report, get_host_instances.
/// </summary>
public sealed class ConductorRpcClient(IRpcClient rpc)
{
    /// <summary>RPC API version sent with every message.</summary>
    public const string Version = "1.0";

    /// <summary>The version registered for the topic (see <see cref="RpcTopicVersion"/>).</summary>
    public static readonly RpcTopicVersion TopicVersion = new(Topics.Conductor, Version);

    /// <summary>cast (api): schedule and build an instance already stored as building/scheduling.</summary>
    public Task BuildInstanceAsync(BuildInstance message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Conductor, message, cancellationToken);

    /// <summary>cast (compute): a build failed on a host; reschedule or error out.</summary>
    public Task BuildFailedAsync(BuildFailed message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Conductor, message, cancellationToken);

    /// <summary>cast (compute): a compare-and-set state change of an instance.</summary>
    public Task InstanceUpdateAsync(InstanceUpdate message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Conductor, message, cancellationToken);

    /// <summary>cast (compute): heartbeat with capacity.</summary>
    public Task ServiceReportAsync(ServiceReport message, CancellationToken cancellationToken = default) =>
        rpc.CastAsync(Topics.Conductor, message, cancellationToken);

    /// <summary>call (compute, at start): the instances the control plane places on <paramref name="host"/>.</summary>
    public Task<HostInstances> GetHostInstancesAsync(string host, CancellationToken cancellationToken = default) =>
        rpc.CallAsync<HostInstances>(Topics.Conductor, new GetHostInstances { Host = host }, cancellationToken: cancellationToken);
}
