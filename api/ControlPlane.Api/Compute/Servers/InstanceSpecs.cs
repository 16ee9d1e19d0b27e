using ControlPlane.Data.Flavors;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Flavors;
using ControlPlane.Domain.Instances;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>The api's one mapper to the RPC form of an instance (<see cref="InstanceSpec"/>).</summary>
public static class InstanceSpecs
{
    /// <summary>A stored instance with task state <paramref name="taskState"/> (the one the operation set).</summary>
    public static InstanceSpec From(InstanceRecord instance, string? taskState)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return new InstanceSpec
        {
            InstanceId = instance.Id.ToString("D"), ProjectId = instance.ProjectId, UserId = instance.UserId, DisplayName = instance.DisplayName,
            InstanceName = instance.InstanceName, Flavor = FlavorSnapshot.ToSpec(FlavorCopy.Parse(instance.FlavorJson)),
            ImageId = instance.ImageRef, VmState = instance.VmState, TaskState = taskState ?? string.Empty, PowerState = instance.PowerState,
            Host = instance.Host ?? string.Empty,
            LaunchedAt = instance.LaunchedAt is { } launched ? Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(launched) : null,
            ShelvedAt = ShelvedMetadata.At(instance.SystemMetadataJson) is { } shelved ? Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(shelved) : null,
        };
    }

    /// <summary>An instance just inserted as building / scheduling, whose internal id is <paramref name="internalId"/>.</summary>
    public static InstanceSpec ForBuild(NewInstance instance, long internalId, FlavorRecord flavor)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(flavor);
        return new InstanceSpec
        {
            InstanceId = instance.Id.ToString("D"), ProjectId = instance.ProjectId, UserId = instance.UserId, DisplayName = instance.DisplayName,
            InstanceName = InstanceNames.For(internalId), Flavor = FlavorSnapshot.ToSpec(flavor), ImageId = instance.ImageRef,
            VmState = VmState.Building, TaskState = TaskState.Scheduling, PowerState = 0,
        };
    }
}
