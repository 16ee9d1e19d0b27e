using ControlPlane.Domain.Migrations;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Scheduler.Grains.Capacity;
using ControlPlane.Scheduler.Grains.Hosts;
using ControlPlane.Scheduler.IntegrationTests.Infrastructure;
using ControlPlane.Scheduler.Resize;

namespace ControlPlane.Scheduler.IntegrationTests.Resize;

/// <summary>The conductor's resize flow on the real database and host grains, the compute steps played by reports.</summary>
[Trait("Category", "Integration")]
public sealed class ResizeFlowTests(SchedulerCluster cluster) : IClassFixture<SchedulerCluster>
{
    [Fact]
    public async Task Resize_claims_the_destination_keeps_the_source_moves_the_instance_and_confirm_drops_the_source_claim()
    {
        var harness = new ConductorHarness(cluster);
        var source = await harness.ReportingHostAsync(hugeInstances: 2);
        var dest = await harness.ReportingHostAsync(hugeInstances: 1);
        var id = await OnHostAsync(harness, source);
        var migrationId = Guid.NewGuid();

        await harness.Resize.MigrateAsync(id, migrationId, Message(id, migrationId), default);

        var prep = Assert.Single(harness.Rpc.Casts.Select(c => c.Message).OfType<PrepResize>());
        Assert.Equal(($"compute.{dest}", source, dest), (harness.Rpc.Casts.Single(c => c.Message is PrepResize).Topic, prep.Migration.SourceHost, prep.Migration.DestHost));
        Assert.NotEmpty(prep.Migration.TransferToken);
        Assert.Equal(MigrationStatus.PreMigrating, (await harness.Migrations.GetAsync(migrationId, default))!.Status);
        Assert.Equal((1, 1), ((await harness.UsageAsync(source)).Claims, (await harness.UsageAsync(dest)).Claims));

        await harness.ResizeFlow.StepAsync(migrationId, Step(migrationId, id, dest, ResizeStep.Prepped, "127.0.0.1:8851"), default);
        var resize = Assert.Single(harness.Rpc.Casts.Select(c => c.Message).OfType<ResizeInstance>());
        Assert.Equal(("127.0.0.1:8851", prep.Migration.TransferToken), (resize.Migration.DestTransferEndpoint, resize.Migration.TransferToken));

        await SetTaskAsync(harness, id, "resize_migrating");
        await harness.ResizeFlow.StepAsync(migrationId, Step(migrationId, id, source, ResizeStep.Migrated), default);
        Assert.Equal(dest, (await harness.Store.GetAsync(id, default))!.Host);
        Assert.Single(harness.Rpc.Casts.Select(c => c.Message).OfType<FinishResize>());

        await SetTaskAsync(harness, id, "resize_finish");
        await harness.ResizeFlow.StepAsync(migrationId, Step(migrationId, id, dest, ResizeStep.Finished), default);
        var resized = (await harness.Store.GetAsync(id, default))!;
        Assert.Equal(("resized", (string?)null, "it.new"), (resized.VmState, resized.TaskState, resized.Flavor.Id));
        Assert.Equal(MigrationStatus.Finished, (await harness.Migrations.GetAsync(migrationId, default))!.Status);

        // A grain reactivation rebuilds both claims from the database: the old flavor on the source, the new on the destination.
        var claims = new PostgresHostClaimSource(cluster.Database);
        Assert.Contains((await claims.LoadAsync(source, default)).Instances, c => c.Key == id && c.Value.Vcpus == 1);
        Assert.Contains((await claims.LoadAsync(dest, default)).Instances, c => c.Key == id && c.Value.Vcpus == 2);

        await harness.Migrations.SetStatusAsync(migrationId, [MigrationStatus.Finished], MigrationStatus.Confirming, default);
        await SetTaskAsync(harness, id, "resize_confirming");
        await harness.ResizeFlow.StepAsync(migrationId, Step(migrationId, id, source, ResizeStep.Confirmed), default);
        Assert.Equal("active", (await harness.Store.GetAsync(id, default))!.VmState);
        Assert.Equal(MigrationStatus.Confirmed, (await harness.Migrations.GetAsync(migrationId, default))!.Status);
        Assert.Equal((0, 1), ((await harness.UsageAsync(source)).Claims, (await harness.UsageAsync(dest)).Claims));
        Assert.DoesNotContain((await claims.LoadAsync(source, default)).Instances, c => c.Key == id);
    }

    [Fact]
    public async Task With_only_the_source_host_the_resize_is_refused_with_no_valid_host_and_the_instance_stays_active()
    {
        var harness = new ConductorHarness(cluster);
        var source = await harness.ReportingHostAsync(hugeInstances: 2);
        var id = await OnHostAsync(harness, source);
        var migrationId = Guid.NewGuid();

        await harness.Resize.MigrateAsync(id, migrationId, Message(id, migrationId), default);

        var row = (await harness.Store.GetAsync(id, default))!;
        Assert.Equal(("active", (string?)null, source), (row.VmState, row.TaskState, row.Host));
        Assert.Equal(MigrationStatus.Error, (await harness.Migrations.GetAsync(migrationId, default))!.Status);
        Assert.Empty(harness.Rpc.Casts.Select(c => c.Message).OfType<PrepResize>());
        var fault = await TestData.ScalarAsync<string>(cluster.Database, "SELECT message FROM instance_faults WHERE instance_id = @i ORDER BY id DESC LIMIT 1", ("i", id));
        Assert.StartsWith("No valid host was found", fault, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_on_the_source_rolls_back_to_the_source_and_releases_the_destination_claim()
    {
        var harness = new ConductorHarness(cluster);
        var source = await harness.ReportingHostAsync(hugeInstances: 2);
        var dest = await harness.ReportingHostAsync(hugeInstances: 1);
        var id = await OnHostAsync(harness, source);
        var migrationId = Guid.NewGuid();
        await harness.Resize.MigrateAsync(id, migrationId, Message(id, migrationId), default);
        await harness.ResizeFlow.StepAsync(migrationId, Step(migrationId, id, dest, ResizeStep.Prepped, "127.0.0.1:8851"), default);
        await SetTaskAsync(harness, id, "resize_migrating");

        var failed = Step(migrationId, id, source, ResizeStep.Failed);
        failed.Rollback = true;
        failed.Fault = new InstanceFault { Code = 400, Message = "Resize down: the filesystem does not fit" };
        await harness.ResizeFlow.StepAsync(migrationId, failed, default);

        var row = (await harness.Store.GetAsync(id, default))!;
        Assert.Equal(("active", (string?)null, source, "it"), (row.VmState, row.TaskState, row.Host, row.Flavor.Id));
        Assert.Equal(MigrationStatus.Error, (await harness.Migrations.GetAsync(migrationId, default))!.Status);
        Assert.Equal(0, (await harness.UsageAsync(dest)).Claims);
        Assert.Equal($"compute.{dest}", harness.Rpc.Casts.Single(c => c.Message is RevertResize).Topic);
    }

    private static async Task<Guid> OnHostAsync(ConductorHarness harness, string host)
    {
        var id = await TestData.InsertInstanceAsync(harness.Cluster.Database, memoryMb: ConductorHarness.HugeMemoryMb, host: host, vmState: "active", taskState: "resize_prep");
        await harness.Scheduler.EnsureClaimAsync(host, id, Resources.ForFlavor(ConductorHarness.HugeMemoryMb, 1, 1, 0, 0));
        return id;
    }

    private static MigrateServer Message(Guid id, Guid migrationId) => new()
    {
        Instance = new InstanceSpec { InstanceId = id.ToString("D") },
        NewFlavor = new FlavorSpec { Id = "it.new", MemoryMb = ConductorHarness.HugeMemoryMb, Vcpus = 2, RootGb = 1 },
        NewFlavorJson = $$"""{"id":"it.new","name":"it.new","memory_mb":{{ConductorHarness.HugeMemoryMb}},"vcpus":2,"root_gb":1,"ephemeral_gb":0,"swap_mb":0}""",
        MigrationType = MigrationStatus.TypeResize, UserId = "sched-it-user", ProjectId = "sched-it-project", MigrationId = migrationId.ToString("D"),
    };

    private static MigrationStep Step(Guid migrationId, Guid id, string host, string step, string endpoint = "") => new()
    {
        MigrationId = migrationId.ToString("D"), InstanceId = id.ToString("D"), Host = host, Step = step, TransferEndpoint = endpoint,
    };

    private static async Task SetTaskAsync(ConductorHarness harness, Guid id, string task)
    {
        await using var cmd = harness.Cluster.Database.CreateCommand("UPDATE instances SET task_state = @t WHERE id = @i");
        cmd.Parameters.AddWithValue("t", task);
        cmd.Parameters.AddWithValue("i", id);
        await cmd.ExecuteNonQueryAsync();
    }
}
