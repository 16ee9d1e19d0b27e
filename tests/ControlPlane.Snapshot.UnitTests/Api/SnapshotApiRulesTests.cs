using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.Snapshots;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;

namespace ControlPlane.Snapshot.UnitTests.Api;

public sealed class SnapshotApiRulesTests
{
    [Theory]
    [InlineData(VmState.Active)]
    [InlineData(VmState.Stopped)]
    [InlineData("paused")]
    [InlineData("suspended")]
    public void Active_stopped_paused_and_suspended_servers_without_a_task_may_be_snapshotted(string vmState) =>
        ServerActionChecks.Ensure(InstanceOperations.CreateImage, Instance(vmState, null), admin: false);

    [Theory]
    [InlineData(VmState.Active, TaskState.ImageSnapshotPending, "task_state image_snapshot_pending")]
    [InlineData(VmState.Active, TaskState.ImageUploading, "task_state image_uploading")]
    [InlineData(VmState.Building, TaskState.Spawning, "vm_state building")]
    [InlineData(VmState.Error, null, "vm_state error")]
    [InlineData(VmState.Building, null, "vm_state building")]
    public void Other_states_are_409_naming_the_state(string vmState, string? taskState, string named)
    {
        var instance = Instance(vmState, taskState);
        var e = Assert.ThrowsAny<ConflictException>(() => ServerActionChecks.Ensure(InstanceOperations.CreateImage, instance, admin: false));
        Assert.Equal(409, e.HttpStatus);
        Assert.Equal($"Cannot 'createImage' instance {instance.Id} while it is in {named}", e.Message);
    }

    [Fact]
    public void The_image_record_is_a_private_ovf_vhd_snapshot_whose_properties_the_user_metadata_overrides_but_not_its_attributes()
    {
        var instance = Instance(VmState.Active, null);
        var request = new CreateImageRequest("snap1", new Dictionary<string, string> { ["purpose"] = "backup", ["name"] = "other", ["visibility"] = "public", ["min_ram"] = "9" });

        var record = SnapshotImageRecord.Build(instance, request, "u1", baseMinRam: 64, baseMinDisk: 0);

        Assert.Equal("snap1", (string?)record["name"]);
        Assert.Equal("ovf", (string?)record["container_format"]);
        Assert.Equal("vhd", (string?)record["disk_format"]);
        Assert.Equal("private", (string?)record["visibility"]);
        Assert.Equal("snapshot", (string?)record["image_type"]);
        var tagged = SnapshotImageRecord.Build(instance, new CreateImageRequest("s", new Dictionary<string, string> { ["image_type"] = "test" }), "u1", 0, 0);
        Assert.Equal("test", (string?)tagged["image_type"]);
        Assert.Equal(instance.Id.ToString("D"), (string?)record["instance_uuid"]);
        Assert.Equal(instance.ImageRef, (string?)record["base_image_ref"]);
        Assert.Equal("u1", (string?)record["user_id"]);
        Assert.Equal("backup", (string?)record["purpose"]);
        Assert.Equal(64, (int)record["min_ram"]!);
        Assert.Equal(1, (int)record["min_disk"]!);
        Assert.False(record.ContainsKey("owner"));
    }

    [Fact]
    public void Min_disk_is_the_larger_of_the_flavor_root_disk_and_the_base_image_min_disk()
    {
        var record = SnapshotImageRecord.Build(Instance(VmState.Active, null), new CreateImageRequest("s", new Dictionary<string, string>()), "u1", 0, 20);
        Assert.Equal(20, (int)record["min_disk"]!);
    }

    private static InstanceRecord Instance(string vmState, string? taskState) => new()
    {
        Id = Guid.NewGuid(), InternalId = 42, ProjectId = "p1", UserId = "u1", DisplayName = "vm1", FlavorId = "1",
        FlavorJson = """{"id":"1","name":"m1.tiny","memory_mb":512,"vcpus":1,"root_gb":1,"ephemeral_gb":0,"swap_mb":0,"rxtx_factor":1.0,"extra_specs":{}}""",
        ImageRef = Guid.NewGuid().ToString("D"), VmState = vmState, TaskState = taskState, Host = "compute1",
        ReservationId = "r-1", CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch,
    };
}
