using System.Formats.Tar;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Messaging.Notifications;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Snapshot.UnitTests.Infrastructure;
using ControlPlane.Vhd.Checking;
using ControlPlane.Vhd.Chains;

namespace ControlPlane.Snapshot.UnitTests.Compute;

public sealed class SnapshotInstanceOperationTests
{
    [Fact]
    public async Task Snapshot_reports_every_task_state_in_order_and_uploads_a_tar_of_one_valid_vhd()
    {
        var f = new SnapshotFixture();
        var message = await f.RunningInstanceAsync(rootGb: 1);
        var statesAtUploadStart = new List<string>();
        f.Images.OnUploadStart = () => statesAtUploadStart.AddRange(f.ReportedTaskStates());

        await f.SnapshotAsync(message);

        Assert.Equal([TaskState.ImageSnapshot, TaskState.ImagePendingUpload, TaskState.ImageUploading, ""], f.ReportedTaskStates());
        Assert.Equal([TaskState.ImageSnapshot, TaskState.ImagePendingUpload, TaskState.ImageUploading], statesAtUploadStart);
        var updates = f.Rpc.CastsOf<InstanceUpdate>();
        Assert.All(updates, u => Assert.Equal(SnapshotFixture.Host, u.Host));
        Assert.All(updates, u => Assert.False(u.HasVmState));
        Assert.Equal([TaskState.ImageSnapshotPending], updates[0].ExpectedTaskStates);
        Assert.Equal(InstanceOperations.CreateImage.TaskStates, updates[^1].ExpectedTaskStates);
        Assert.Equal(InstanceOperations.CreateImage.EventName, updates[^1].Event);
        Assert.Equal("Success", updates[^1].EventResult);
        Assert.Null(updates[^1].Fault);
        Assert.Equal(["instance.snapshot.start", "instance.snapshot.end"], f.Notifier.Sent.Select(n => n.EventType));
        Assert.Equal(message.ImageId, f.Notifier.Sent.Last().Payload["snapshot_image_id"]!.GetValue<string>());

        var imageId = Guid.Parse(message.ImageId);
        Assert.Empty(f.Images.Deleted);
        var entries = ReadTar(f.Images.Active[imageId]);
        var (entryName, vhdBytes) = Assert.Single(entries);
        Assert.Equal("0.vhd", entryName);
        AssertValidVhdHoldingId(vhdBytes, 1L << 30, Guid.Parse(message.Instance.InstanceId));
    }

    [Fact]
    public async Task An_upload_that_breaks_midway_deletes_the_image_clears_the_task_and_records_a_fault()
    {
        var f = new SnapshotFixture();
        var message = await f.RunningInstanceAsync();
        f.Images.FailAfterBytes = 4096;

        await f.SnapshotAsync(message);

        var imageId = Guid.Parse(message.ImageId);
        Assert.DoesNotContain(imageId, f.Images.Active.Keys);
        Assert.Equal([imageId], f.Images.Deleted);
        var last = f.Rpc.CastsOf<InstanceUpdate>()[^1];
        Assert.Equal("", last.TaskState);
        Assert.False(last.HasVmState);
        Assert.Equal(InstanceOperations.CreateImage.TaskStates, last.ExpectedTaskStates);
        Assert.Equal("Error", last.EventResult);
        Assert.Equal((int)FaultCode.InternalError, last.Fault.Code);
        Assert.Contains("interrupted", last.Fault.Message, StringComparison.Ordinal);
        var error = f.Notifier.Sent.Last();
        Assert.Equal("instance.snapshot.error", error.EventType);
        Assert.Equal(NotificationPriority.Error, error.Priority);
        // The instance itself is untouched: still known and running.
        Assert.Contains(Guid.Parse(message.Instance.InstanceId), await f.FakeDriver.ListInstancesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_driver_without_the_snapshot_capability_fails_the_request_with_a_409_fault()
    {
        var f = new SnapshotFixture(driver: new PlainDriver());
        var message = await f.RunningInstanceAsync();

        await f.SnapshotAsync(message);

        var update = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Equal("", update.TaskState);
        Assert.Equal((int)FaultCode.Conflict, update.Fault.Code);
        Assert.Equal("Snapshot is not supported by driver plain.", update.Fault.Message);
        Assert.Equal([Guid.Parse(message.ImageId)], f.Images.Deleted);
    }

    [Theory]
    [InlineData(TaskState.Deleting, true)]
    [InlineData("", false)]
    public async Task A_snapshot_the_instance_no_longer_waits_for_stops_quietly(string taskState, bool imageDeleted)
    {
        var f = new SnapshotFixture();
        var message = await f.RunningInstanceAsync(taskState: taskState);

        await f.SnapshotAsync(message);

        Assert.Empty(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Empty(f.Notifier.Sent);
        Assert.Empty(f.Images.Active);
        Assert.Equal(imageDeleted, f.Images.Deleted.Count == 1);
    }

    [Fact]
    public async Task A_redelivery_after_an_interrupted_attempt_deletes_the_image_and_clears_the_task_with_a_fault()
    {
        var f = new SnapshotFixture();
        var message = await f.RunningInstanceAsync();

        // The earlier attempt never finished its upload (the image is not active): the redelivery cleans up.
        await f.SnapshotAsync(message, redelivered: true);

        var update = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Equal("", update.TaskState);
        Assert.Equal("Error", update.EventResult);
        Assert.Equal(InstanceOperations.CreateImage.TaskStates, update.ExpectedTaskStates);
        Assert.Contains("interrupted", update.Fault.Message, StringComparison.Ordinal);
        Assert.Equal([Guid.Parse(message.ImageId)], f.Images.Deleted);
        Assert.Empty(f.Images.Active);
        Assert.Equal(["instance.snapshot.error"], f.Notifier.Sent.Select(n => n.EventType));
    }

    [Fact]
    public async Task A_redelivery_after_a_finished_attempt_reports_the_end_again_and_keeps_the_image()
    {
        var f = new SnapshotFixture();
        var message = await f.RunningInstanceAsync();
        await f.SnapshotAsync(message);
        var before = f.Rpc.CastsOf<InstanceUpdate>().Count;

        // Acked too late (compute killed after the final report): the image is active, nothing is redone.
        await f.SnapshotAsync(message, redelivered: true);

        var end = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>().Skip(before));
        Assert.Equal("", end.TaskState);
        Assert.Equal("Success", end.EventResult);
        Assert.Equal(InstanceOperations.CreateImage.TaskStates, end.ExpectedTaskStates);
        Assert.Empty(f.Images.Deleted);
        Assert.Contains(Guid.Parse(message.ImageId), f.Images.Active.Keys);
    }

    [Fact]
    public async Task A_snapshot_makes_no_conductor_call_only_casts()
    {
        var f = new SnapshotFixture();
        var message = await f.RunningInstanceAsync();

        await f.SnapshotAsync(message);
        await f.SnapshotAsync(message, redelivered: true);
        await f.SnapshotAsync(new SnapshotInstance { Instance = message.Instance, ImageId = Guid.NewGuid().ToString("D") }, redelivered: true);

        Assert.DoesNotContain(f.Rpc.Calls, c => c.Request is GetHostInstances);
        Assert.Empty(f.Rpc.Calls);
        Assert.All(f.Rpc.Casts, c => Assert.Equal(Topics.Conductor, c.Topic));
        Assert.Equal(4 + 1 + 1, f.Rpc.CastsOf<InstanceUpdate>().Count);
    }

    [Fact]
    public async Task An_instance_the_driver_does_not_hold_fails_with_a_fault()
    {
        var f = new SnapshotFixture();
        var message = await f.RunningInstanceAsync();
        await f.FakeDriver.DestroyAsync(new VirtInstance(Guid.Parse(message.Instance.InstanceId), "x", 512, 1, 1, Guid.Empty), CancellationToken.None);

        await f.SnapshotAsync(message);

        var last = f.Rpc.CastsOf<InstanceUpdate>()[^1];
        Assert.Equal("Error", last.EventResult);
        Assert.Contains("could not be found", last.Fault.Message, StringComparison.Ordinal);
        Assert.Single(f.Images.Deleted);
    }

    private static List<(string Name, byte[] Data)> ReadTar(byte[] archive)
    {
        var entries = new List<(string, byte[])>();
        using var reader = new TarReader(new MemoryStream(archive));
        while (reader.GetNextEntry() is { } entry)
        {
            using var data = new MemoryStream();
            entry.DataStream?.CopyTo(data);
            entries.Add((entry.Name, data.ToArray()));
        }
        return entries;
    }

    private static void AssertValidVhdHoldingId(byte[] vhd, long virtualSize, Guid instanceId)
    {
        var dir = Directory.CreateTempSubdirectory("snapshot-test-");
        try
        {
            var path = Path.Combine(dir.FullName, "0.vhd");
            File.WriteAllBytes(path, vhd);
            Assert.Empty(VhdChecker.Check(path));
            using var disk = VhdDisk.Open(path);
            Assert.Equal(virtualSize, disk.VirtualSize);
            var head = new byte[36];
            disk.Read(0, head);
            Assert.Equal(instanceId.ToString("D"), System.Text.Encoding.ASCII.GetString(head));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
