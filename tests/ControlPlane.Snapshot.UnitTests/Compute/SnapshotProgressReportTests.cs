using ControlPlane.Compute.Operations;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;

namespace ControlPlane.Snapshot.UnitTests.Compute;

public sealed class SnapshotProgressReportTests
{
    [Theory]
    [InlineData(TaskState.ImageSnapshot, new[] { TaskState.ImageSnapshotPending })]
    [InlineData(TaskState.ImagePendingUpload, new[] { TaskState.ImageSnapshotPending, TaskState.ImageSnapshot })]
    [InlineData(TaskState.ImageUploading, new[] { TaskState.ImageSnapshotPending, TaskState.ImageSnapshot, TaskState.ImagePendingUpload })]
    public void A_progress_report_expects_every_earlier_snapshot_state_so_a_late_one_cannot_undo_the_end(string state, string[] expected)
    {
        var update = new OperationReport(InstanceOperations.CreateImage, Guid.NewGuid(), "h").Progress(state);
        Assert.Equal(expected, update.ExpectedTaskStates);
        Assert.Equal(state, update.TaskState);
        Assert.DoesNotContain("", update.ExpectedTaskStates);
    }

    [Theory]
    [InlineData(TaskState.ImageSnapshotPending)]
    [InlineData("")]
    [InlineData(TaskState.Deleting)]
    public void Progress_refuses_a_state_that_is_not_a_later_snapshot_state(string state) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OperationReport(InstanceOperations.CreateImage, Guid.NewGuid(), "h").Progress(state));
}
