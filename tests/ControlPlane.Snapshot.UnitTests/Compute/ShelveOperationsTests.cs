using ControlPlane.Compute.Shelve;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Instances;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Snapshot.UnitTests.Infrastructure;
using Google.Protobuf.WellKnownTypes;

namespace ControlPlane.Snapshot.UnitTests.Compute;

/// <summary>shelve, shelveOffload and unshelve on the compute host (FakeDriver), Nova's task-state sequence and reports.</summary>
public sealed class ShelveOperationsTests
{
    [Fact]
    public async Task Shelve_with_offload_time_0_snapshots_then_offloads_and_reports_shelved_offloaded_without_the_vm()
    {
        var f = new ShelveFixture(shelvedOffloadTime: 0);
        var spec = await f.InstanceAsync(VmState.Active, TaskState.Shelving);
        var imageId = Guid.NewGuid();

        await f.Runner.RunAsync(f.Shelve, new ShelveInstance { Instance = spec, ImageId = imageId.ToString("D") }, false, CancellationToken.None);

        Assert.Equal([TaskState.ShelvingImagePendingUpload, TaskState.ShelvingImageUploading, TaskState.ShelvingOffloading, ""], f.ReportedTaskStates());
        var updates = f.Rpc.CastsOf<InstanceUpdate>();
        Assert.Equal(VmState.Shelved, updates[2].VmState);
        Assert.Equal([TaskState.Shelving, TaskState.ShelvingImagePendingUpload, TaskState.ShelvingImageUploading], updates[2].ExpectedTaskStates);
        var last = updates[^1];
        Assert.Equal((VmState.ShelvedOffloaded, true, (int)PowerState.NoState), (last.VmState, last.Offloaded, last.PowerState));
        Assert.Equal(InstanceOperations.Shelve.TaskStates, last.ExpectedTaskStates);
        Assert.Equal(("compute_shelve_instance", "Success"), (last.Event, last.EventResult));
        Assert.Equal(imageId.ToString("D"), last.SystemMetadata[ShelvedMetadata.ShelvedImageId]);
        Assert.Equal(ShelveFixture.Host, last.SystemMetadata[ShelvedMetadata.ShelvedHost]);
        Assert.Equal(f.Time.GetUtcNow(), ShelvedMetadata.At($"{{\"shelved_at\":\"{last.SystemMetadata[ShelvedMetadata.ShelvedAt]}\"}}"));
        Assert.True(f.Images.Active.ContainsKey(imageId));
        Assert.Empty(f.Images.Deleted);
        Assert.False(await f.OnHostAsync(spec));
        Assert.Equal(["instance.shelve.start", "instance.shelve.end"], f.Notifier.Sent.Select(n => n.EventType));
    }

    [Fact]
    public async Task Shelve_with_a_positive_offload_time_leaves_the_vm_shut_down_on_its_host()
    {
        var f = new ShelveFixture(shelvedOffloadTime: 3600);
        var spec = await f.InstanceAsync(VmState.Paused, TaskState.Shelving);

        await f.Runner.RunAsync(f.Shelve, new ShelveInstance { Instance = spec, ImageId = Guid.NewGuid().ToString("D") }, false, CancellationToken.None);

        Assert.Equal([TaskState.ShelvingImagePendingUpload, TaskState.ShelvingImageUploading, ""], f.ReportedTaskStates());
        var last = f.Rpc.CastsOf<InstanceUpdate>()[^1];
        Assert.Equal((VmState.Shelved, false, (int)PowerState.Shutdown), (last.VmState, last.Offloaded, last.PowerState));
        Assert.True(await f.OnHostAsync(spec));
        Assert.Equal(DriverPowerState.Shutdown, await f.Driver.GetPowerStateAsync(ShelveFixture.Virt(spec), CancellationToken.None));
    }

    [Fact]
    public async Task A_shelve_whose_upload_breaks_deletes_the_image_and_keeps_the_instance_on_its_host()
    {
        var f = new ShelveFixture();
        var spec = await f.InstanceAsync(VmState.Active, TaskState.Shelving);
        var imageId = Guid.NewGuid();
        f.Images.FailAfterBytes = 4096;

        await f.Runner.RunAsync(f.Shelve, new ShelveInstance { Instance = spec, ImageId = imageId.ToString("D") }, false, CancellationToken.None);

        var last = f.Rpc.CastsOf<InstanceUpdate>()[^1];
        Assert.Equal(("", "Error", false), (last.TaskState, last.EventResult, last.HasVmState));
        Assert.NotEmpty(last.Fault.Message);
        Assert.Equal([imageId], f.Images.Deleted);
        Assert.True(await f.OnHostAsync(spec));
        Assert.Equal("instance.shelve.error", f.Notifier.Sent.Last().EventType);
    }

    [Fact]
    public async Task A_shelve_cast_for_a_deleting_instance_stops_and_deletes_its_image()
    {
        var f = new ShelveFixture();
        var spec = await f.InstanceAsync(VmState.Active, TaskState.Deleting);
        var imageId = Guid.NewGuid();

        await f.Runner.RunAsync(f.Shelve, new ShelveInstance { Instance = spec, ImageId = imageId.ToString("D") }, false, CancellationToken.None);

        Assert.Empty(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Equal([imageId], f.Images.Deleted);
    }

    [Fact]
    public async Task ShelveOffload_destroys_the_vm_and_reports_shelved_offloaded()
    {
        var f = new ShelveFixture(shelvedOffloadTime: -1);
        var spec = await f.InstanceAsync(VmState.Shelved, TaskState.ShelvingOffloading);

        await f.Runner.RunAsync(f.ShelveOffload, new ShelveOffloadInstance { Instance = spec }, false, CancellationToken.None);

        var update = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Equal((VmState.ShelvedOffloaded, "", true), (update.VmState, update.TaskState, update.Offloaded));
        Assert.Equal([TaskState.ShelvingOffloading], update.ExpectedTaskStates);
        Assert.False(await f.OnHostAsync(spec));
        Assert.Equal(["instance.shelve_offload.start", "instance.shelve_offload.end"], f.Notifier.Sent.Select(n => n.EventType));
    }

    [Fact]
    public async Task Unshelve_of_an_offloaded_instance_spawns_it_deletes_the_image_and_clears_the_shelve_keys()
    {
        var f = new ShelveFixture();
        var spec = await f.InstanceAsync(VmState.ShelvedOffloaded, TaskState.Unshelving, onHost: false);
        var imageId = Guid.NewGuid();

        await f.Runner.RunAsync(f.Unshelve, new UnshelveInstance { Instance = spec, ImageId = imageId.ToString("D") }, false, CancellationToken.None);

        Assert.Equal([TaskState.Spawning, ""], f.ReportedTaskStates());
        var last = f.Rpc.CastsOf<InstanceUpdate>()[^1];
        Assert.Equal((VmState.Active, (int)PowerState.Running, "Success"), (last.VmState, last.PowerState, last.EventResult));
        Assert.Equal([TaskState.Unshelving, TaskState.Spawning], last.ExpectedTaskStates);
        Assert.Equal(ShelvedMetadata.Keys, last.SystemMetadataRemoved);
        Assert.Equal([imageId], f.Images.Deleted);
        Assert.True(await f.OnHostAsync(spec));
        Assert.Equal(DriverPowerState.Running, await f.Driver.GetPowerStateAsync(ShelveFixture.Virt(spec), CancellationToken.None));
    }

    [Fact]
    public async Task A_failed_unshelve_spawn_leaves_shelved_offloaded_with_a_fault_and_keeps_the_image()
    {
        var f = new ShelveFixture(failNextSpawns: 1);
        var spec = await f.InstanceAsync(VmState.ShelvedOffloaded, TaskState.Unshelving, onHost: false);

        await f.Runner.RunAsync(f.Unshelve, new UnshelveInstance { Instance = spec, ImageId = Guid.NewGuid().ToString("D") }, false, CancellationToken.None);

        var last = f.Rpc.CastsOf<InstanceUpdate>()[^1];
        Assert.Equal((VmState.ShelvedOffloaded, "", true, "Error"), (last.VmState, last.TaskState, last.Offloaded, last.EventResult));
        Assert.NotEmpty(last.Fault.Message);
        Assert.Empty(f.Images.Deleted);
        Assert.False(await f.OnHostAsync(spec));
        Assert.Equal("instance.unshelve.error", f.Notifier.Sent.Last().EventType);
    }

    [Fact]
    public async Task Unshelve_of_an_instance_still_on_its_host_powers_it_on()
    {
        var f = new ShelveFixture(shelvedOffloadTime: -1);
        var spec = await f.InstanceAsync(VmState.Shelved, TaskState.Unshelving);
        await f.Driver.PowerOffAsync(ShelveFixture.Virt(spec), TimeSpan.Zero, CancellationToken.None);

        await f.Runner.RunAsync(f.Unshelve, new UnshelveInstance { Instance = spec, ImageId = Guid.NewGuid().ToString("D") }, false, CancellationToken.None);

        Assert.Equal(VmState.Active, f.Rpc.CastsOf<InstanceUpdate>()[^1].VmState);
        Assert.Equal(DriverPowerState.Running, await f.Driver.GetPowerStateAsync(ShelveFixture.Virt(spec), CancellationToken.None));
    }

    [Fact]
    public async Task The_periodic_task_offloads_only_instances_shelved_longer_than_the_offload_time()
    {
        var f = new ShelveFixture(shelvedOffloadTime: 600);
        var old = await f.InstanceAsync(VmState.Shelved, "");
        old.ShelvedAt = Timestamp.FromDateTimeOffset(f.Time.GetUtcNow() - TimeSpan.FromMinutes(11));
        var recent = await f.InstanceAsync(VmState.Shelved, "");
        recent.ShelvedAt = Timestamp.FromDateTimeOffset(f.Time.GetUtcNow() - TimeSpan.FromMinutes(9));
        f.Rpc.OnCall = (_, _) => new HostInstances { Instances = { old, recent } };

        Assert.Equal(1, await f.OffloadService.RunOnceAsync(CancellationToken.None));

        var update = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Equal((old.InstanceId, VmState.ShelvedOffloaded, true), (update.InstanceId, update.VmState, update.Offloaded));
        Assert.Equal([TaskState.ShelvingOffloading, ""], update.ExpectedTaskStates);
        Assert.False(await f.OnHostAsync(old));
        Assert.True(await f.OnHostAsync(recent));
    }

    [Fact]
    public void The_options_refuse_an_offload_time_below_minus_one_and_a_zero_interval()
    {
        var result = new ShelveOptionsValidator().Validate(null, new ShelveOptions { ShelvedOffloadTime = -2, PollInterval = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("ShelvedOffloadTime", result.FailureMessage);
        Assert.Contains("PollInterval", result.FailureMessage);
        Assert.True(new ShelveOptionsValidator().Validate(null, new ShelveOptions { ShelvedOffloadTime = -1 }).Succeeded);
    }
}
