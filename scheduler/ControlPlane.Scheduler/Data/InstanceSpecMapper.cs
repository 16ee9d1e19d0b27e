using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Scheduler.Data;

/// <summary>Maps an instance row to the <see cref="InstanceSpec"/> sent to compute hosts.</summary>
public static class InstanceSpecMapper
{
    /// <summary>The spec of <paramref name="record"/>.</summary>
    public static InstanceSpec ToSpec(InstanceRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var flavor = record.Flavor;
        return new InstanceSpec
        {
            InstanceId = record.Id.ToString("D"),
            ProjectId = record.ProjectId,
            UserId = record.UserId,
            DisplayName = record.DisplayName,
            InstanceName = record.InstanceName,
            Flavor = new FlavorSpec
            {
                Id = flavor.Id,
                Name = flavor.Name,
                MemoryMb = flavor.MemoryMb,
                Vcpus = flavor.Vcpus,
                RootGb = flavor.RootGb,
                EphemeralGb = flavor.EphemeralGb,
                SwapMb = flavor.SwapMb,
            },
            ImageId = record.ImageRef,
            VmState = record.VmState,
            TaskState = record.TaskState ?? "",
            PowerState = record.PowerState,
            Host = record.Host ?? "",
            LaunchedAt = record.LaunchedAt is { } launched ? Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(launched) : null,
            ShelvedAt = ControlPlane.Domain.Instances.ShelvedMetadata.At(record.SystemMetadataJson) is { } shelved
                ? Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(shelved)
                : null,
        };
    }
}
