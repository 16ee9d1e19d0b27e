using ControlPlane.Compute.DriverConformance;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Tests.Infrastructure;
using ControlPlane.Testing;
using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Http;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Resize;

/// <summary>Resize up, confirm, revert, failure and abort between two XapiSim hosts, checked through XenAPI (reference B.4, B.8-B.10).</summary>
[Trait("Category", "Integration")]
public sealed class XenApiResizeSimTests : ResizeSimFixture
{
    private const long GiB = 1L << 30;
    private readonly Guid imageId = Guid.NewGuid();
    private readonly MemoryImageSource images;

    public XenApiResizeSimTests()
    {
        images = new MemoryImageSource().Add(imageId, TestImages.Archive(seed: 61));
    }

    [Fact]
    public async Task Resize_up_moves_the_chain_and_confirm_leaves_only_cached_images_on_the_source()
    {
        var (instance, bigger) = await SpawnWithDataAsync();
        var progress = new List<ResizeProgress>();
        var sink = await MigrateAsync(instance, bigger, progress, WriteWhileRunningAsync(instance));

        Assert.Equal([ResizeProgress.Snapshotted, ResizeProgress.ImmutableDisksSent, ResizeProgress.PoweredOff, ResizeProgress.LeafSent], progress);
        Assert.Equal([(0, (int?)null, false), (1, 0, false), (2, 1, true)], sink.Sent.Select(s => (s.Disk.Index, s.Disk.ParentIndex, s.Disk.IsLeaf)));
        var (orig, origRecord) = await VmAsync(SourceXen, instance.InstanceName + "-orig");
        Assert.Equal(VmPowerState.Halted, origRecord.PowerState);
        var expected = await DigestAsync(SourceXen, await RootAsync(SourceXen, origRecord), GiB);

        await Destination.FinishMigrationAsync(sink.MigrationId, bigger, autoDiskConfig: false, powerOn: true, CancellationToken.None);

        var (_, vm) = await VmAsync(DestinationXen, instance.InstanceName);
        Assert.Equal((VmPowerState.Running, 1024L << 20, 2L), (vm.PowerState, vm.MemoryStaticMax, vm.VcpusMax));
        Assert.Equal(instance.InstanceId.ToString(), vm.OtherConfig["nova_uuid"]);
        var root = await RootAsync(DestinationXen, vm);
        Assert.Equal(2 * GiB, await DestinationXen.Vdi.GetVirtualSizeAsync(root));
        Assert.Equal(expected, await DigestAsync(DestinationXen, root, GiB));
        Assert.Single((await VdisAsync(DestinationXen)).Values, r => r.OtherConfig.ContainsKey("nova_instance_uuid"));

        await Source.ConfirmMigrationAsync(instance, CancellationToken.None);

        Assert.Empty(await SourceXen.Vm.GetByNameLabelAsync(instance.InstanceName + "-orig"));
        Assert.DoesNotContain(instance.InstanceId, await Source.ListInstancesAsync(CancellationToken.None));
        await Eventually.UntilAsync(async () =>
        {
            var left = await VdisAsync(SourceXen);
            return left.Values.All(r => CacheChains(left).Contains(r.Uuid));
        }, "only cached images (and their chains) left on the source SR");
        Assert.Equal(expected, await DigestAsync(DestinationXen, root, GiB));
    }

    [Fact]
    public async Task Revert_restores_the_source_disk_exactly_and_the_destination_sr()
    {
        var (instance, bigger) = await SpawnWithDataAsync();
        var (_, record) = await VmAsync(SourceXen, instance.InstanceName);
        var before = await DigestAsync(SourceXen, await RootAsync(SourceXen, record), GiB);
        var destinationVdis = (await VdisAsync(DestinationXen)).Count;
        var sink = await MigrateAsync(instance, bigger);
        await Destination.FinishMigrationAsync(sink.MigrationId, bigger, autoDiskConfig: false, powerOn: true, CancellationToken.None);

        await Destination.DestroyAsync(bigger, CancellationToken.None);
        await Source.FinishRevertMigrationAsync(instance, powerOn: true, CancellationToken.None);

        (_, record) = await VmAsync(SourceXen, instance.InstanceName);
        Assert.Equal((VmPowerState.Running, 512L << 20, 1L), (record.PowerState, record.MemoryStaticMax, record.VcpusMax));
        Assert.Equal(before, await DigestAsync(SourceXen, await RootAsync(SourceXen, record), GiB));
        Assert.Empty(await SourceXen.Vm.GetByNameLabelAsync(instance.InstanceName + "-orig"));
        Assert.DoesNotContain((await VdisAsync(SourceXen)).Values, r => r.OtherConfig.GetValueOrDefault("nova_disk_type") == "snapshot");
        await Eventually.UntilAsync(async () => (await VdisAsync(DestinationXen)).Count == destinationVdis, "the destination SR back to its VDI count");
    }

    [Fact]
    public async Task A_failure_while_sending_the_leaf_rolls_the_source_back_and_abort_empties_the_destination()
    {
        var (instance, bigger) = await SpawnWithDataAsync();
        var destinationVdis = (await VdisAsync(DestinationXen)).Count;
        var sink = new PipeMigrationSink(Destination, bigger) { FailAfterBytes = 4096, FailDiskIndex = 2 };

        var e = await Assert.ThrowsAsync<IOException>(() =>
            Source.MigrateDiskAndPowerOffAsync(instance, bigger, sink, TimeSpan.FromSeconds(5), new RecordingProgress([]), CancellationToken.None));
        Assert.Contains("injected", e.Message, StringComparison.Ordinal);

        var (_, record) = await VmAsync(SourceXen, instance.InstanceName);
        Assert.Equal(VmPowerState.Running, record.PowerState);
        Assert.False(await Source.HasOriginalAsync(instance, CancellationToken.None));
        Assert.DoesNotContain((await VdisAsync(SourceXen)).Values, r => r.OtherConfig.GetValueOrDefault("nova_disk_type") == "snapshot");
        Assert.Equal(2, sink.Sent.Count);
        Assert.True((await VdisAsync(DestinationXen)).Count > destinationVdis);

        await Destination.AbortIncomingMigrationAsync(sink.MigrationId, CancellationToken.None);

        await Eventually.UntilAsync(async () => (await VdisAsync(DestinationXen)).Count == destinationVdis, "every received VDI gone");
    }

    [Fact]
    public async Task A_disk_that_is_not_the_announced_vhd_is_refused_and_nothing_of_it_is_kept()
    {
        var (instance, bigger) = await SpawnWithDataAsync();
        var destinationVdis = (await VdisAsync(DestinationXen)).Count;
        var migration = Guid.NewGuid();

        var wrongSize = await Assert.ThrowsAsync<DriverOperationException>(() => Destination.ReceiveDiskAsync(migration, bigger,
            new MigrationDisk(0, null, 3 * GiB, IsLeaf: true), new MemoryStream(new byte[4096]), CancellationToken.None));
        Assert.Contains("not a valid VHD", wrongSize.Message, StringComparison.Ordinal);
        Assert.Equal(destinationVdis, (await VdisAsync(DestinationXen)).Count);
        await Assert.ThrowsAsync<DriverOperationException>(() =>
            Destination.FinishMigrationAsync(migration, bigger, autoDiskConfig: false, powerOn: true, CancellationToken.None));
    }

    [Fact]
    public async Task A_retried_disk_replaces_the_earlier_copy()
    {
        var (instance, bigger) = await SpawnWithDataAsync();
        var (_, record) = await VmAsync(SourceXen, instance.InstanceName);
        var root = await RootAsync(SourceXen, record);
        var size = await SourceXen.Vdi.GetVirtualSizeAsync(root);
        var migration = Guid.NewGuid();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await using var export = await SourceXen.Transfers.ExportAsync(root, VdiTransferFormat.Vhd);
            await Destination.ReceiveDiskAsync(migration, bigger, new MigrationDisk(0, null, size, IsLeaf: true), export, CancellationToken.None);
        }

        Assert.Single((await VdisAsync(DestinationXen)).Values, r => r.OtherConfig.GetValueOrDefault("controlplane_migration") == migration.ToString());
        await Destination.AbortIncomingMigrationAsync(migration, CancellationToken.None);
        Assert.DoesNotContain((await VdisAsync(DestinationXen)).Values, r => r.OtherConfig.GetValueOrDefault("controlplane_migration") == migration.ToString());
    }

    private async Task<(VirtInstance Instance, VirtInstance Bigger)> SpawnWithDataAsync()
    {
        var id = Guid.NewGuid();
        var instance = new VirtInstance(id, "resize-" + id.ToString("N")[..8], 512, 1, 1, imageId);
        await Source.SpawnAsync(instance, images, CancellationToken.None);
        var (_, record) = await VmAsync(SourceXen, instance.InstanceName);
        await SourceXen.Transfers.ImportAsync(await RootAsync(SourceXen, record), new MemoryStream(Pattern(1, 64 << 10)), VdiTransferFormat.Raw);
        return (instance, instance with { MemoryMb = 1024, Vcpus = 2, RootGb = 2 });
    }

    /// <summary>Before the first disk goes, the "guest" writes again: those bytes are in the live leaf and arrive with it.</summary>
    private Func<MigrationDisk, Task> WriteWhileRunningAsync(VirtInstance instance) => async disk =>
    {
        if (disk.Index == 0)
        {
            var (_, record) = await VmAsync(SourceXen, instance.InstanceName + "-orig");
            await SourceXen.Transfers.ImportAsync(await RootAsync(SourceXen, record), new MemoryStream(Pattern(2, 192 << 10)), VdiTransferFormat.Raw);
        }
    };

    private static byte[] Pattern(int seed, int length)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }
}
