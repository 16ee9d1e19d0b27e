using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Google.Protobuf.WellKnownTypes;

namespace ControlPlane.Compute.Rescue;

/// <summary>The <see cref="InstanceUpdate"/>s of rescue and unrescue (compare-and-set on the expected task state).</summary>
public static class RescueReports
{
    /// <summary>Instance action event of a rescue.</summary>
    public const string RescueEvent = "compute_rescue_instance";

    /// <summary>Instance action event of an unrescue.</summary>
    public const string UnrescueEvent = "compute_unrescue_instance";

    /// <summary>rescued/none with the power state and <c>launched_at</c> now (the start of the rescue timeout).</summary>
    public static InstanceUpdate Rescued(Guid instanceId, string host, DriverPowerState power, DateTimeOffset now) =>
        New(instanceId, host, TaskState.Rescuing, u =>
        {
            u.VmState = VmState.Rescued;
            u.TaskState = "";
            u.PowerState = (int)power;
            u.LaunchedAt = Timestamp.FromDateTimeOffset(now);
        });

    /// <summary>active/none with the power state: the rescue ended (expecting <paramref name="expectedTaskState"/>:
    /// unrescuing, or none for the rescue timeout and a repaired partial rescue).</summary>
    public static InstanceUpdate Unrescued(Guid instanceId, string host, string expectedTaskState, DriverPowerState power) =>
        New(instanceId, host, expectedTaskState, u =>
        {
            u.VmState = VmState.Active;
            u.TaskState = "";
            u.PowerState = (int)power;
        });

    private static InstanceUpdate New(Guid instanceId, string host, string expected, Action<InstanceUpdate> fill)
    {
        var update = new InstanceUpdate { InstanceId = instanceId.ToString("D"), Host = host };
        update.ExpectedTaskStates.Add(expected);
        fill(update);
        return update;
    }
}
