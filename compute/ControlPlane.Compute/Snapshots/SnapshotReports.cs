using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.Snapshots;

/// <summary>
/// The <see cref="InstanceUpdate"/>s of a snapshot. The task state only moves forward
/// (image_snapshot_pending → image_snapshot → image_pending_upload → image_uploading → none), and each
/// report expects every earlier snapshot state, not only the previous one: conductor replicas may apply
/// casts out of order, and this way a late intermediate report loses its compare-and-set instead of
/// overwriting the final none.
/// </summary>
public static class SnapshotReports
{
    /// <summary>Instance action event of a snapshot.</summary>
    public const string Event = "compute_snapshot_instance";

    /// <summary>The snapshot task states in order.</summary>
    public static readonly IReadOnlyList<string> Sequence =
        [TaskState.ImageSnapshotPending, TaskState.ImageSnapshot, TaskState.ImagePendingUpload, TaskState.ImageUploading];

    /// <summary>Moves the task state to <paramref name="taskState"/> (one of <see cref="Sequence"/> after the first).</summary>
    public static InstanceUpdate Progress(Guid instanceId, string host, string taskState)
    {
        var index = IndexOf(taskState);
        if (index < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(taskState), taskState, "Not a snapshot progress state.");
        }
        var update = New(instanceId, host, Sequence.Take(index));
        update.TaskState = taskState;
        return update;
    }

    /// <summary>Finished: task state none, event Success.</summary>
    public static InstanceUpdate Finished(Guid instanceId, string host)
    {
        var update = New(instanceId, host, Sequence);
        update.TaskState = "";
        update.Event = Event;
        update.EventResult = "Success";
        return update;
    }

    /// <summary>Failed: task state none (vm_state unchanged), the fault recorded, event Error.</summary>
    public static InstanceUpdate Failed(Guid instanceId, string host, InstanceFault fault)
    {
        var update = New(instanceId, host, Sequence);
        update.TaskState = "";
        update.Fault = fault;
        update.Event = Event;
        update.EventResult = "Error";
        return update;
    }

    private static int IndexOf(string taskState)
    {
        for (var i = 0; i < Sequence.Count; i++)
        {
            if (Sequence[i] == taskState)
            {
                return i;
            }
        }
        return -1;
    }

    private static InstanceUpdate New(Guid instanceId, string host, IEnumerable<string> expected)
    {
        var update = new InstanceUpdate { InstanceId = instanceId.ToString("D"), Host = host };
        update.ExpectedTaskStates.AddRange(expected);
        return update;
    }
}
