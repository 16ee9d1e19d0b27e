using ControlPlane.Domain.Errors;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Conductor;

namespace ControlPlane.Scheduler.Rpc;

/// <summary><c>conductor.service_report</c> (cast from a compute host every report interval).</summary>
public sealed class ServiceReportHandler(HostReportManager manager) : IRpcHandler<ServiceReport>
{
    public Task HandleAsync(ServiceReport message, RpcContext context, CancellationToken cancellationToken)
    {
        var host = MessageIds.Host(message.Host);
        var capacity = message.Capacity ?? throw new InvalidException("capacity is required in a service report.");
        if (capacity.MemoryMb < 0 || capacity.Vcpus < 0 || capacity.LocalGb < 0)
        {
            throw new InvalidException("capacity memory_mb, vcpus and local_gb must not be negative.");
        }
        return manager.RecordReportAsync(host, message.Binary, capacity, cancellationToken);
    }
}
