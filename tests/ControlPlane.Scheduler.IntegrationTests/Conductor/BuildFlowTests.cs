using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Conductor;
using ControlPlane.Scheduler.Grains.Options;
using ControlPlane.Scheduler.IntegrationTests.Infrastructure;

namespace ControlPlane.Scheduler.IntegrationTests.Conductor;

[Trait("Category", "Integration")]
public sealed class BuildFlowTests(SchedulerCluster cluster) : IClassFixture<SchedulerCluster>
{
    [Fact]
    public async Task Service_reports_upsert_the_service_and_node_and_the_grain_totals()
    {
        var harness = new ConductorHarness(cluster);
        var host = await harness.ReportingHostAsync();
        await harness.Reports.RecordReportAsync(host, "", new ComputeCapacity { MemoryMb = 8192, Vcpus = 4, LocalGb = 80, MemoryMbUsed = 512 }, [], default);

        Assert.Equal(2, await TestData.ScalarAsync<int>(cluster.Database, "SELECT report_count FROM services WHERE host = @h AND binary_name = 'controlplane-compute'", ("h", host)));
        Assert.Equal(8192L, await TestData.ScalarAsync<long>(cluster.Database, "SELECT memory_mb FROM compute_nodes WHERE host = @h", ("h", host)));
        Assert.Equal(512L, await TestData.ScalarAsync<long>(cluster.Database, "SELECT memory_mb_used FROM compute_nodes WHERE host = @h", ("h", host)));
        var usage = await harness.UsageAsync(host);
        Assert.Equal(8192, usage.Totals.MemoryMb);
        Assert.Equal(80 * 1024, usage.Totals.DiskMb);
    }

    [Fact]
    public async Task Service_reports_store_the_driver_features_of_the_latest_report()
    {
        var harness = new ConductorHarness(cluster);
        var host = await harness.ReportingHostAsync();
        const string Features = "SELECT driver_features FROM services WHERE host = @h AND binary_name = 'controlplane-compute'";
        var first = await TestData.ScalarAsync<string[]>(cluster.Database, Features, ("h", host));
        Assert.Equal(new[] { "Snapshot" }, first);

        await harness.Reports.RecordReportAsync(host, "", new ComputeCapacity { MemoryMb = 8192, Vcpus = 4, LocalGb = 80 }, ["Snapshot", "Rescue"], default);
        var second = await TestData.ScalarAsync<string[]>(cluster.Database, Features, ("h", host));
        Assert.Equal(new[] { "Snapshot", "Rescue" }, second);

        await harness.Reports.RecordReportAsync(host, "", new ComputeCapacity { MemoryMb = 8192, Vcpus = 4, LocalGb = 80 }, [], default);
        var none = await TestData.ScalarAsync<string[]>(cluster.Database, Features, ("h", host));
        Assert.NotNull(none);
        Assert.Empty(none);
    }

    [Fact]
    public async Task Build_places_on_the_host_with_most_free_ram_records_it_and_is_idempotent()
    {
        var harness = new ConductorHarness(cluster);
        var small = await harness.ReportingHostAsync(hugeInstances: 1);
        var large = await harness.ReportingHostAsync(hugeInstances: 2);
        var id = await harness.NewInstanceAsync();

        await harness.Conductor.BuildAsync(id, default);

        var row = await harness.Store.GetAsync(id, default);
        Assert.NotNull(row);
        Assert.Equal(large, row.Host);
        Assert.Equal(1, row.Attempts);
        Assert.Equal([large], row.TriedHosts);
        Assert.Equal("scheduling", row.TaskState);
        Assert.Equal("Success", await TestData.ScalarAsync<string>(cluster.Database, """
            SELECT e.result FROM instance_action_events e JOIN instance_actions a ON a.id = e.action_id
            WHERE a.instance_id = @id AND e.event = 'schedule_and_build_instances'
            """, ("id", id)));
        var (topic, message) = Assert.Single(harness.Rpc.Casts);
        Assert.Equal("compute." + large, topic);
        var build = Assert.IsType<BuildAndRunInstance>(message);
        Assert.Equal(1, build.Attempt);
        Assert.Equal(id.ToString(), build.Instance.InstanceId);
        Assert.Equal(large, build.Instance.Host);
        Assert.Equal(ConductorHarness.HugeMemoryMb, build.Instance.Flavor.MemoryMb);

        // Redelivery: the cast is sent again, nothing is claimed or counted twice.
        await harness.Conductor.BuildAsync(id, default);
        Assert.Equal(2, harness.Rpc.Casts.Count);
        Assert.Equal(1, (await harness.Store.GetAsync(id, default))!.Attempts);
        Assert.Equal(1, (await harness.UsageAsync(large)).Claims);
        Assert.Equal(0, (await harness.UsageAsync(small)).Claims);
    }

    [Fact]
    public async Task Failed_builds_are_rescheduled_then_end_in_no_valid_host_with_every_claim_released()
    {
        var harness = new ConductorHarness(cluster);
        var hosts = new[] { await harness.ReportingHostAsync(), await harness.ReportingHostAsync() };
        var id = await harness.NewInstanceAsync();
        await harness.Conductor.BuildAsync(id, default);
        var first = (await harness.Store.GetAsync(id, default))!.Host!;

        await harness.Conductor.BuildFailedAsync(id, first, new InstanceFault { Code = 500, Message = "spawn failed" }, retryable: true, default);
        var row = (await harness.Store.GetAsync(id, default))!;
        var second = Assert.Single(hosts, h => h != first);
        Assert.Equal(second, row.Host);
        Assert.Equal(2, row.Attempts);
        Assert.Equal([first, second], row.TriedHosts);
        Assert.Equal(0, (await harness.UsageAsync(first)).Claims);

        await harness.Conductor.BuildFailedAsync(id, second, new InstanceFault { Code = 500, Message = "spawn failed again" }, retryable: true, default);
        row = (await harness.Store.GetAsync(id, default))!;
        Assert.Equal("error", row.VmState);
        Assert.Null(row.TaskState);
        Assert.Null(row.Host);
        // Nova's wording, then the last host's failure as the cause (an SR error is not hidden behind it).
        Assert.Equal(BuildFaults.NoValidHostMessage + " Last exception: spawn failed again", await TestData.ScalarAsync<string>(cluster.Database,
            "SELECT message FROM instance_faults WHERE instance_id = @id ORDER BY id DESC LIMIT 1", ("id", id)));
        Assert.Equal(0, (await harness.UsageAsync(second)).Claims);

        // One fault per failed host (as Nova's compute records them) and the final one.
        const string faults = "SELECT count(*) FROM instance_faults WHERE instance_id = @id";
        Assert.Equal(3, await TestData.ScalarAsync<long>(cluster.Database, faults, ("id", id)));

        // A redelivered failure report changes nothing.
        await harness.Conductor.BuildFailedAsync(id, second, null, retryable: true, default);
        Assert.Equal("error", (await harness.Store.GetAsync(id, default))!.VmState);
        Assert.Equal(3, await TestData.ScalarAsync<long>(cluster.Database, faults, ("id", id)));
    }

    [Fact]
    public async Task The_last_allowed_attempt_failing_ends_in_error_with_the_retries_fault()
    {
        var harness = new ConductorHarness(cluster, new SchedulerOptions { MaxAttempts = 1 });
        var host = await harness.ReportingHostAsync();
        await harness.ReportingHostAsync();
        var id = await harness.NewInstanceAsync();
        await harness.Conductor.BuildAsync(id, default);
        var placed = (await harness.Store.GetAsync(id, default))!.Host!;

        await harness.Conductor.BuildFailedAsync(id, placed, new InstanceFault { Message = "VM_BAD_POWER_STATE" }, retryable: true, default);

        var row = (await harness.Store.GetAsync(id, default))!;
        Assert.Equal("error", row.VmState);
        var message = await TestData.ScalarAsync<string>(cluster.Database, "SELECT message FROM instance_faults WHERE instance_id = @id", ("id", id));
        Assert.StartsWith("Exceeded maximum number of retries.", message);
        Assert.EndsWith("Last exception: VM_BAD_POWER_STATE", message);
        Assert.Equal(0, (await harness.UsageAsync(placed)).Claims);
        Assert.Single(harness.Rpc.Casts);
        _ = host;
    }

    [Fact]
    public async Task A_non_retryable_failure_ends_in_error_with_the_hosts_fault()
    {
        var harness = new ConductorHarness(cluster);
        await harness.ReportingHostAsync();
        await harness.ReportingHostAsync();
        var id = await harness.NewInstanceAsync();
        await harness.Conductor.BuildAsync(id, default);
        var placed = (await harness.Store.GetAsync(id, default))!.Host!;

        await harness.Conductor.BuildFailedAsync(id, placed, new InstanceFault { Code = 400, Message = "Image is not bootable" }, retryable: false, default);

        Assert.Equal("error", (await harness.Store.GetAsync(id, default))!.VmState);
        Assert.Equal("Image is not bootable", await TestData.ScalarAsync<string>(cluster.Database, "SELECT message FROM instance_faults WHERE instance_id = @id", ("id", id)));
        Assert.Equal(placed, await TestData.ScalarAsync<string>(cluster.Database, "SELECT host FROM instance_faults WHERE instance_id = @id", ("id", id)));
        Assert.Equal(0, (await harness.UsageAsync(placed)).Claims);
    }

    [Fact]
    public async Task No_host_at_all_means_error_no_valid_host_and_a_deleted_instance_is_dropped()
    {
        var harness = new ConductorHarness(cluster);
        var id = await TestData.InsertInstanceAsync(cluster.Database, memoryMb: 100 * ConductorHarness.HugeMemoryMb);
        await harness.Conductor.BuildAsync(id, default);
        Assert.Equal("error", (await harness.Store.GetAsync(id, default))!.VmState);
        Assert.Equal("Error", await TestData.ScalarAsync<string>(cluster.Database, """
            SELECT e.result FROM instance_action_events e JOIN instance_actions a ON a.id = e.action_id WHERE a.instance_id = @id
            """, ("id", id)));

        var deleted = await TestData.InsertInstanceAsync(cluster.Database, vmState: "deleted", taskState: null, deleted: true);
        await harness.Conductor.BuildAsync(deleted, default);
        Assert.Empty(harness.Rpc.Casts);
    }
}
