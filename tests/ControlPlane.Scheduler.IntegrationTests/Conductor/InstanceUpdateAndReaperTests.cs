using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Data;
using ControlPlane.Scheduler.Grains.Options;
using ControlPlane.Scheduler.IntegrationTests.Infrastructure;
using Google.Protobuf.WellKnownTypes;

namespace ControlPlane.Scheduler.IntegrationTests.Conductor;

[Trait("Category", "Integration")]
public sealed class InstanceUpdateAndReaperTests(SchedulerCluster cluster) : IClassFixture<SchedulerCluster>
{
    [Fact]
    public async Task Compute_updates_are_compare_and_set_from_the_instances_host_and_delete_releases_the_claim()
    {
        var harness = new ConductorHarness(cluster);
        var host = await harness.ReportingHostAsync();
        var id = await harness.NewInstanceAsync();
        await harness.Conductor.BuildAsync(id, default);
        Assert.Equal(host, (await harness.Store.GetAsync(id, default))!.Host);

        var spawning = new InstanceUpdate { InstanceId = id.ToString(), Host = host, TaskState = "spawning" };
        spawning.ExpectedTaskStates.Add("scheduling");
        Assert.Equal(InstanceUpdateOutcome.WrongHost, await harness.Updates.ApplyAsync(id, new InstanceUpdate(spawning) { Host = "someone-else" }, default));
        Assert.Equal(InstanceUpdateOutcome.Applied, await harness.Updates.ApplyAsync(id, spawning, default));

        var active = new InstanceUpdate
        {
            InstanceId = id.ToString(), Host = host, VmState = "active", TaskState = "", PowerState = 1,
            LaunchedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow), Event = "compute_build_and_run_instance", EventResult = "Success",
        };
        active.ExpectedTaskStates.Add("spawning");
        Assert.Equal(InstanceUpdateOutcome.Applied, await harness.Updates.ApplyAsync(id, active, default));
        var row = (await harness.Store.GetAsync(id, default))!;
        Assert.Equal(("active", (string?)null, 1), (row.VmState, row.TaskState, row.PowerState));
        Assert.Equal("Success", await TestData.ScalarAsync<string>(cluster.Database, """
            SELECT e.result FROM instance_action_events e JOIN instance_actions a ON a.id = e.action_id
            WHERE a.instance_id = @id AND e.event = 'compute_build_and_run_instance'
            """, ("id", id)));

        // A replay of the first report lost its race: dropped, nothing written.
        Assert.Equal(InstanceUpdateOutcome.UnexpectedTaskState, await harness.Updates.ApplyAsync(id, spawning, default));
        Assert.Equal("active", (await harness.Store.GetAsync(id, default))!.VmState);

        var listed = await harness.Reports.GetHostInstancesAsync(host, default);
        Assert.Equal(id.ToString(), Assert.Single(listed.Instances).InstanceId);

        var deleted = new InstanceUpdate { InstanceId = id.ToString(), Host = host, Deleted = true };
        Assert.Equal(InstanceUpdateOutcome.Deleted, await harness.Updates.ApplyAsync(id, deleted, default));
        row = (await harness.Store.GetAsync(id, default))!;
        Assert.True(row.Deleted);
        Assert.Equal("deleted", row.VmState);
        Assert.NotNull(await TestData.ScalarAsync<DateTime?>(cluster.Database, "SELECT terminated_at FROM instances WHERE id = @id", ("id", id)));
        Assert.Equal(0, (await harness.UsageAsync(host)).Claims);
        Assert.Empty((await harness.Reports.GetHostInstancesAsync(host, default)).Instances);
        Assert.Equal(InstanceUpdateOutcome.Gone, await harness.Updates.ApplyAsync(id, deleted, default));
    }

    [Fact]
    public async Task A_fault_in_an_update_is_recorded()
    {
        var harness = new ConductorHarness(cluster);
        var host = await harness.ReportingHostAsync();
        var id = await harness.NewInstanceAsync();
        await harness.Conductor.BuildAsync(id, default);
        var error = new InstanceUpdate
        {
            InstanceId = id.ToString(), Host = host, VmState = "error", TaskState = "",
            Fault = new InstanceFault { Code = 500, Message = "VDI import failed", Host = host },
        };
        Assert.Equal(InstanceUpdateOutcome.Applied, await harness.Updates.ApplyAsync(id, error, default));
        Assert.Equal("VDI import failed", await TestData.ScalarAsync<string>(cluster.Database, "SELECT message FROM instance_faults WHERE instance_id = @id", ("id", id)));
        // ERROR on a host keeps its claim until the instance is deleted, as in Nova.
        Assert.Equal(1, (await harness.UsageAsync(host)).Claims);
    }

    [Fact]
    public async Task The_reaper_reschedules_a_build_whose_host_went_silent()
    {
        var harness = new ConductorHarness(cluster, new SchedulerOptions { ReaperBatchSize = 1 });
        var dead = await harness.ReportingHostAsync();
        var id = await harness.NewInstanceAsync();
        await harness.Conductor.BuildAsync(id, default);
        Assert.Equal(dead, (await harness.Store.GetAsync(id, default))!.Host);
        var alive = await harness.ReportingHostAsync();

        // The dead host's last report is 10 minutes old; this instance is made the oldest building
        // row so that a batch of one takes it, whatever else the shared database holds.
        await using (var cmd = cluster.Database.CreateCommand("UPDATE services SET last_seen_at = now() - interval '10 minutes' WHERE host = @h"))
        {
            cmd.Parameters.AddWithValue("h", dead);
            await cmd.ExecuteNonQueryAsync();
        }
        await using (var cmd = cluster.Database.CreateCommand("UPDATE instances SET updated_at = '2000-01-01Z' WHERE id = @id"))
        {
            cmd.Parameters.AddWithValue("id", id);
            await cmd.ExecuteNonQueryAsync();
        }

        Assert.Equal(1, await harness.Conductor.SweepAsync(default));

        var row = (await harness.Store.GetAsync(id, default))!;
        Assert.Equal(alive, row.Host);
        Assert.Equal(2, row.Attempts);
        Assert.Equal([dead, alive], row.TriedHosts);
        Assert.Equal(0, (await harness.UsageAsync(dead)).Claims);
        Assert.Equal(1, (await harness.UsageAsync(alive)).Claims);
        Assert.Equal("compute." + alive, harness.Rpc.Casts.Last().Topic);
    }
}
