using ControlPlane.Domain.Instances;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Data;
using ControlPlane.Scheduler.IntegrationTests.Infrastructure;

namespace ControlPlane.Scheduler.IntegrationTests.Conductor;

/// <summary>The conductor's part of shelve: an offload report clears the host and releases the claim, unshelve schedules
/// and claims again and casts to the host, a failed unshelve gives the claim back.</summary>
[Trait("Category", "Integration")]
public sealed class ShelveFlowTests(SchedulerCluster cluster) : IClassFixture<SchedulerCluster>
{
    [Fact]
    public async Task Offload_releases_the_claim_unshelve_claims_again_and_a_failed_spawn_releases_it()
    {
        var harness = new ConductorHarness(cluster);
        var host = await harness.ReportingHostAsync();
        var id = await harness.NewInstanceAsync();
        await harness.Conductor.BuildAsync(id, default);
        await TestData.ScalarAsync<int>(cluster.Database,
            "UPDATE instances SET vm_state = 'active', task_state = 'shelving_image_uploading' WHERE id = @id RETURNING 1", ("id", id));
        var imageId = Guid.NewGuid();

        var offloaded = new InstanceUpdate
        {
            InstanceId = id.ToString(), Host = host, VmState = "shelved_offloaded", TaskState = "", PowerState = 0, Offloaded = true,
            Event = "compute_shelve_instance", EventResult = "Success",
        };
        offloaded.ExpectedTaskStates.Add("shelving_image_uploading");
        foreach (var (key, value) in ShelvedMetadata.For(imageId, host, DateTimeOffset.UtcNow))
        {
            offloaded.SystemMetadata[key] = value;
        }
        Assert.Equal(InstanceUpdateOutcome.Applied, await harness.Updates.ApplyAsync(id, offloaded, default));
        var row = (await harness.Store.GetAsync(id, default))!;
        Assert.Equal(("shelved_offloaded", (string?)null, (string?)null), (row.VmState, row.TaskState, row.Host));
        Assert.Equal(imageId, ShelvedMetadata.ImageId(row.SystemMetadataJson));
        Assert.Null(await TestData.ScalarAsync<string?>(cluster.Database, "SELECT node FROM instances WHERE id = @id", ("id", id)));
        Assert.Equal(0, (await harness.UsageAsync(host)).Claims);

        await TestData.ScalarAsync<int>(cluster.Database, "UPDATE instances SET task_state = 'unshelving' WHERE id = @id RETURNING 1", ("id", id));
        await harness.Unshelve.UnshelveAsync(id, null, default);
        row = (await harness.Store.GetAsync(id, default))!;
        Assert.Equal((host, "unshelving"), (row.Host, row.TaskState));
        Assert.Equal(1, (await harness.UsageAsync(host)).Claims);
        var (topic, cast) = Assert.Single(harness.Rpc.Casts, c => c.Message is UnshelveInstance);
        Assert.Equal("compute." + host, topic);
        Assert.Equal(imageId.ToString("D"), ((UnshelveInstance)cast).ImageId);

        var failed = new InstanceUpdate
        {
            InstanceId = id.ToString(), Host = host, VmState = "shelved_offloaded", TaskState = "", Offloaded = true,
            Fault = new InstanceFault { Code = 500, Message = "spawn failed", Host = host }, Event = "compute_unshelve_instance", EventResult = "Error",
        };
        failed.ExpectedTaskStates.Add("unshelving");
        failed.ExpectedTaskStates.Add("spawning");
        Assert.Equal(InstanceUpdateOutcome.Applied, await harness.Updates.ApplyAsync(id, failed, default));
        row = (await harness.Store.GetAsync(id, default))!;
        Assert.Equal(("shelved_offloaded", (string?)null, (string?)null), (row.VmState, row.TaskState, row.Host));
        Assert.Equal(imageId, ShelvedMetadata.ImageId(row.SystemMetadataJson));
        Assert.Equal(0, (await harness.UsageAsync(host)).Claims);
    }

    [Fact]
    public async Task Unshelve_with_no_valid_host_stays_offloaded_with_a_fault()
    {
        var harness = new ConductorHarness(cluster);
        var id = await harness.NewInstanceAsync();
        await TestData.ScalarAsync<int>(cluster.Database, """
            UPDATE instances SET vm_state = 'shelved_offloaded', task_state = 'unshelving',
                   system_metadata = jsonb_build_object('shelved_image_id', @image) WHERE id = @id RETURNING 1
            """, ("id", id), ("image", Guid.NewGuid().ToString("D")));

        await harness.Unshelve.UnshelveAsync(id, null, default);

        var row = (await harness.Store.GetAsync(id, default))!;
        Assert.Equal(("shelved_offloaded", (string?)null, (string?)null), (row.VmState, row.TaskState, row.Host));
        Assert.Contains("No valid host", await TestData.ScalarAsync<string>(cluster.Database,
            "SELECT message FROM instance_faults WHERE instance_id = @id", ("id", id)), StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Rpc.Casts, c => c.Message is UnshelveInstance);
    }
}
