using ControlPlane.Compute.Resize;
using ControlPlane.Compute.UnitTests.Infrastructure;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.Fake;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.UnitTests.Resize;

/// <summary>The six resize steps on two compute fixtures (source and destination, each with its FakeDriver), the disk
/// going through the destination's token check into its driver.</summary>
public sealed class ResizeOperationsTests
{
    private static readonly IOptions<ResizeOptions> Options = Microsoft.Extensions.Options.Options.Create(new ResizeOptions { CleanShutdownTimeout = TimeSpan.Zero });

    [Fact]
    public async Task Resize_then_confirm_moves_the_instance_and_both_hosts_count_it_until_the_confirm()
    {
        var (source, dest, spec) = await TwoHostsAsync();
        var context = Context(spec);
        var incoming = new IncomingMigrations(dest.Time);

        await dest.Runner.RunAsync(new PrepResizeOperation(incoming, Options, dest.Time), new PrepResize { Instance = With(spec, TaskState.ResizePrep), Migration = context }, false, CancellationToken.None);
        await source.Runner.RunAsync(new ResizeInstanceOperation(source.Driver, new DirectDiskSinks(dest.FakeDriver, incoming), Options),
            new ResizeInstance { Instance = With(spec, TaskState.ResizePrep), Migration = context }, false, CancellationToken.None);
        await dest.Runner.RunAsync(new FinishResizeOperation(dest.Driver, incoming), new FinishResize { Instance = With(spec, TaskState.ResizeMigrated), Migration = context }, false, CancellationToken.None);

        Assert.Equal("prepped", Assert.Single(dest.Rpc.CastsOf<MigrationStep>(), s => s.Step == "prepped").Step);
        Assert.Equal(Options.Value.Endpoint, dest.Rpc.CastsOf<MigrationStep>()[0].TransferEndpoint);
        Assert.Equal("migrated", Assert.Single(source.Rpc.CastsOf<MigrationStep>()).Step);
        Assert.Equal([20, 40, 60, 80], source.Rpc.CastsOf<InstanceUpdate>().Where(u => u.HasProgress).Select(u => u.Progress));
        var finished = dest.Rpc.CastsOf<MigrationStep>().Single(s => s.Step == "finished");
        Assert.Equal((100, (int)DriverPowerState.Running), (finished.Progress, finished.PowerState));
        Assert.Equal(2048, (await dest.Driver.GetHostCapacityAsync(CancellationToken.None)).MemoryMbUsed);
        Assert.Equal(512, (await source.Driver.GetHostCapacityAsync(CancellationToken.None)).MemoryMbUsed);
        Assert.True(await source.FakeDriver.HasOriginalAsync(ComputeFixture.Virt(spec), CancellationToken.None));

        await source.Runner.RunAsync(new ConfirmResizeOperation(source.Driver), new ConfirmResize { Instance = With(spec, TaskState.ResizeConfirming), Migration = context }, false, CancellationToken.None);

        Assert.Contains(source.Rpc.CastsOf<MigrationStep>(), s => s.Step == "confirmed");
        Assert.Equal(0, (await source.Driver.GetHostCapacityAsync(CancellationToken.None)).MemoryMbUsed);
        Assert.Empty(await source.Driver.ListInstancesAsync(CancellationToken.None));
        Assert.Contains(source.Notifier.Sent, e => e.EventType == "instance.resize.start");
        Assert.Contains(source.Notifier.Sent, e => e.EventType == "instance.resize_confirm.end");
    }

    [Fact]
    public async Task Revert_destroys_the_destination_copy_and_restarts_the_source_with_its_old_flavor()
    {
        var (source, dest, spec) = await TwoHostsAsync();
        var context = Context(spec);
        var incoming = new IncomingMigrations(dest.Time);
        await dest.Runner.RunAsync(new PrepResizeOperation(incoming, Options, dest.Time), new PrepResize { Instance = With(spec, TaskState.ResizePrep), Migration = context }, false, CancellationToken.None);
        await source.Runner.RunAsync(new ResizeInstanceOperation(source.Driver, new DirectDiskSinks(dest.FakeDriver, incoming), Options),
            new ResizeInstance { Instance = With(spec, TaskState.ResizePrep), Migration = context }, false, CancellationToken.None);
        await dest.Runner.RunAsync(new FinishResizeOperation(dest.Driver, incoming), new FinishResize { Instance = With(spec, TaskState.ResizeMigrated), Migration = context }, false, CancellationToken.None);

        await dest.Runner.RunAsync(new RevertResizeOperation(dest.Driver, incoming), new RevertResize { Instance = With(spec, TaskState.ResizeReverting), Migration = context }, false, CancellationToken.None);
        await source.Runner.RunAsync(new FinishRevertResizeOperation(source.Driver), new FinishRevertResize { Instance = With(spec, TaskState.ResizeReverting), Migration = context }, false, CancellationToken.None);

        Assert.Empty(await dest.Driver.ListInstancesAsync(CancellationToken.None));
        Assert.Equal(0, (await dest.Driver.GetHostCapacityAsync(CancellationToken.None)).MemoryMbUsed);
        var reverted = source.Rpc.CastsOf<MigrationStep>().Single(s => s.Step == "reverted");
        Assert.Equal((int)DriverPowerState.Running, reverted.PowerState);
        Assert.False(await source.FakeDriver.HasOriginalAsync(ComputeFixture.Virt(spec), CancellationToken.None));
        Assert.Equal(512, (await source.Driver.GetHostCapacityAsync(CancellationToken.None)).MemoryMbUsed);
    }

    [Fact]
    public async Task A_transfer_the_destination_does_not_authorise_rolls_the_source_back_and_reports_a_rollback_failure()
    {
        var (source, dest, spec) = await TwoHostsAsync();
        var context = Context(spec);
        var incoming = new IncomingMigrations(dest.Time);
        incoming.Register(Guid.Parse(context.MigrationId), "another-token", ComputeFixture.Virt(spec), dest.Time.GetUtcNow().AddHours(1));

        await source.Runner.RunAsync(new ResizeInstanceOperation(source.Driver, new DirectDiskSinks(dest.FakeDriver, incoming), Options),
            new ResizeInstance { Instance = With(spec, TaskState.ResizePrep), Migration = context }, false, CancellationToken.None);

        var failed = Assert.Single(source.Rpc.CastsOf<MigrationStep>());
        Assert.Equal(("failed", true), (failed.Step, failed.Rollback));
        Assert.Contains("not authorised", failed.Fault.Message);
        Assert.Equal(DriverPowerState.Running, await source.Driver.GetPowerStateAsync(ComputeFixture.Virt(spec), CancellationToken.None));
        Assert.False(await source.FakeDriver.HasOriginalAsync(ComputeFixture.Virt(spec), CancellationToken.None));
        Assert.Empty(await dest.Driver.ListInstancesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task The_destination_refuses_a_disk_image_of_another_instance()
    {
        var (_, dest, spec) = await TwoHostsAsync();
        var other = ComputeFixture.Virt(ComputeFixture.Spec(VmState.Active, ""));
        using var bytes = new MemoryStream(FakeDiskImage.For(other));

        await Assert.ThrowsAsync<DriverOperationException>(() =>
            dest.FakeDriver.ReceiveDiskAsync(Guid.NewGuid(), ComputeFixture.Virt(spec), new MigrationDisk(0, null, 1L << 30, true), bytes, CancellationToken.None));
    }

    private static MigrationContext Context(InstanceSpec spec) => new()
    {
        MigrationId = Guid.NewGuid().ToString("D"), SourceHost = "host1", DestHost = "host2", TransferToken = "t-" + Guid.NewGuid(),
        OldFlavor = spec.Flavor.Clone(), NewFlavor = new FlavorSpec { Id = "2", Name = "m1.small", MemoryMb = 2048, Vcpus = 1, RootGb = 2 },
        DestTransferEndpoint = "127.0.0.1:1", PowerOn = true,
    };

    private static InstanceSpec With(InstanceSpec spec, string taskState)
    {
        var copy = spec.Clone();
        copy.TaskState = taskState;
        return copy;
    }

    private static async Task<(ComputeFixture Source, ComputeFixture Dest, InstanceSpec Spec)> TwoHostsAsync()
    {
        var source = new ComputeFixture();
        var dest = new ComputeFixture();
        await source.InitAsync();
        await dest.InitAsync();
        var spec = ComputeFixture.Spec(VmState.Active, "", power: PowerState.Running);
        await source.Driver.SpawnAsync(ComputeFixture.Virt(spec), source.Images, CancellationToken.None);
        await source.Driver.PowerOnAsync(ComputeFixture.Virt(spec), CancellationToken.None);
        return (source, dest, spec);
    }
}
