using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;
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
        return manager.RecordReportAsync(host, message.Binary, capacity, DriverFeatures(message), cancellationToken);
    }

    /// <summary>The features named in the report: known <see cref="DriverFeature"/> names only, each once, in
    /// order (a name this conductor does not know yet comes from a newer compute and is not stored).</summary>
    public static IReadOnlyList<string> DriverFeatures(ServiceReport message)
    {
        var known = new List<string>();
        foreach (var name in message.DriverFeatures)
        {
            if (Enum.TryParse<DriverFeature>(name, ignoreCase: false, out var feature) && Enum.IsDefined(feature)
                && feature.ToString() == name && !known.Contains(name))
            {
                known.Add(name);
            }
        }
        return known;
    }
}
