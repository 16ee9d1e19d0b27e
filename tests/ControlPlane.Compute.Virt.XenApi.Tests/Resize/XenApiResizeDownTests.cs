using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Tests.Infrastructure;
using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Http;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Resize;

/// <summary>Resize down (reference B.5 adapted): e2fsck + resize2fs on a local copy; refused when the data does not fit. Also
/// auto_disk_config on resize up (the filesystem grown to fill the disk).</summary>
[Trait("Category", "Integration")]
public sealed class XenApiResizeDownTests : ResizeSimFixture
{
    private const long GiB = 1L << 30;
    private readonly string work = Path.Combine(Path.GetTempPath(), "xenapi-resize-down", Guid.NewGuid().ToString("N"));

    public XenApiResizeDownTests() => Directory.CreateDirectory(work);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(work, recursive: true);
    }

    [Fact]
    public async Task A_filesystem_that_fits_is_shrunk_into_a_smaller_root_with_every_file_intact()
    {
        var instance = await SpawnExt4Async(preallocatedBlocks: 0);
        var smaller = instance with { RootGb = 1 };
        var progress = new List<ResizeProgress>();

        var sink = await MigrateAsync(instance, smaller, progress);
        await Destination.FinishMigrationAsync(sink.MigrationId, smaller, autoDiskConfig: false, powerOn: true, CancellationToken.None);

        Assert.Equal([ResizeProgress.Snapshotted, ResizeProgress.ImmutableDisksSent, ResizeProgress.PoweredOff, ResizeProgress.LeafSent], progress);
        var disk = Assert.Single(sink.Sent);
        Assert.Equal((0, (int?)null, true, GiB), (disk.Disk.Index, disk.Disk.ParentIndex, disk.Disk.IsLeaf, disk.Disk.VirtualSizeBytes));
        var (_, vm) = await VmAsync(DestinationXen, instance.InstanceName);
        Assert.Equal(VmPowerState.Running, vm.PowerState);
        var root = await RootAsync(DestinationXen, vm);
        Assert.Equal(GiB, await DestinationXen.Vdi.GetVirtualSizeAsync(root));

        var raw = await ExportRawAsync(root);
        var (code, output) = Ext4Images.Check(raw);
        Assert.True(code == 0, output);
        foreach (var (path, content) in Ext4Images.Files(seed: 71))
        {
            Assert.Equal(content, Ext4Images.Read(raw, path));
        }

        Assert.DoesNotContain((await VdisAsync(SourceXen)).Values, r => r.OtherConfig.GetValueOrDefault("nova_disk_type") == "shrunk");
        await Source.ConfirmMigrationAsync(instance, CancellationToken.None);
    }

    [Fact]
    public async Task A_filesystem_that_does_not_fit_is_refused_before_the_vm_is_touched()
    {
        // 1.2 GiB of allocated (unwritten) blocks: more than a 1 GiB disk holds.
        var instance = await SpawnExt4Async(preallocatedBlocks: 310_000);
        var (vm, before) = await VmAsync(SourceXen, instance.InstanceName);
        var root = await RootAsync(SourceXen, before);
        var digest = await DigestAsync(SourceXen, root, 2 * GiB);
        var destinationVdis = (await VdisAsync(DestinationXen)).Count;
        var progress = new List<ResizeProgress>();

        var e = await Assert.ThrowsAsync<ResizeRefusedException>(() => MigrateAsync(instance, instance with { RootGb = 1 }, progress));

        Assert.Equal("Shrinking the filesystem down with resize2fs has failed, please check if you have enough free space on your disk.", e.Message);
        Assert.Empty(progress);
        var after = await SourceXen.Vm.GetRecordAsync(vm);
        Assert.Equal((instance.InstanceName, VmPowerState.Running), (after.NameLabel, after.PowerState));
        Assert.Equal(digest, await DigestAsync(SourceXen, await RootAsync(SourceXen, after), 2 * GiB));
        Assert.False(await Source.HasOriginalAsync(instance, CancellationToken.None));
        Assert.Equal(destinationVdis, (await VdisAsync(DestinationXen)).Count);
    }

    [Fact]
    public async Task A_disk_without_an_ext_filesystem_is_refused_with_novas_message()
    {
        var imageId = Guid.NewGuid();
        var images = new MemoryImageSource().Add(imageId, TestImages.Archive(seed: 72));
        var id = Guid.NewGuid();
        var instance = new VirtInstance(id, "shrink-" + id.ToString("N")[..8], 512, 1, 2, imageId);
        await Source.SpawnAsync(instance, images, CancellationToken.None);

        var e = await Assert.ThrowsAsync<ResizeRefusedException>(() => MigrateAsync(instance, instance with { RootGb = 1 }));

        Assert.Equal("Disk contains a filesystem we are unable to resize: unknown", e.Message);
        Assert.Equal(VmPowerState.Running, (await VmAsync(SourceXen, instance.InstanceName)).Record.PowerState);
    }

    [Fact]
    public async Task Auto_disk_config_grows_the_filesystem_to_the_new_root_size()
    {
        var instance = await SpawnExt4Async(preallocatedBlocks: 0);
        var bigger = instance with { RootGb = 3, MemoryMb = 1024 };

        var sink = await MigrateAsync(instance, bigger);
        await Destination.FinishMigrationAsync(sink.MigrationId, bigger, autoDiskConfig: true, powerOn: true, CancellationToken.None);

        var (_, vm) = await VmAsync(DestinationXen, instance.InstanceName);
        var root = await RootAsync(DestinationXen, vm);
        Assert.Equal(3 * GiB, await DestinationXen.Vdi.GetVirtualSizeAsync(root));
        var raw = await ExportRawAsync(root);
        var (code, output) = Ext4Images.Check(raw);
        Assert.True(code == 0, output);
        var superblock = new byte[1024];
        using (var file = File.OpenRead(raw))
        {
            file.Position = 1024;
            file.ReadExactly(superblock);
        }

        long blocks = System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(superblock.AsSpan(4));
        long blockSize = 1024L << (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(superblock.AsSpan(24));
        Assert.Equal(3 * GiB, blocks * blockSize);
        foreach (var (path, content) in Ext4Images.Files(seed: 71))
        {
            Assert.Equal(content, Ext4Images.Read(raw, path));
        }

        Assert.Single((await VdisAsync(DestinationXen)).Values, r => r.OtherConfig.GetValueOrDefault("nova_instance_uuid") == instance.InstanceId.ToString());
        Assert.DoesNotContain((await VdisAsync(DestinationXen)).Values, r => r.OtherConfig.ContainsKey("controlplane_migration"));
    }

    private async Task<string> ExportRawAsync(ControlPlane.XenApi.Refs.VdiRef vdi)
    {
        var raw = Path.Combine(work, "received-" + Guid.NewGuid().ToString("N") + ".raw");
        await using var export = await DestinationXen.Transfers.ExportAsync(vdi, VdiTransferFormat.Raw);
        await using var file = File.Create(raw);
        await export.CopyToAsync(file);
        return raw;
    }

    private async Task<VirtInstance> SpawnExt4Async(long preallocatedBlocks)
    {
        var imageId = Guid.NewGuid();
        var raw = Ext4Images.BuildRaw(work, seed: 71, diskBytes: 2 * GiB, preallocatedBlocks);
        var images = new MemoryImageSource().Add(imageId, Ext4Images.Archive(raw));
        File.Delete(raw);
        var id = Guid.NewGuid();
        var instance = new VirtInstance(id, "shrink-" + id.ToString("N")[..8], 512, 1, 2, imageId);
        await Source.SpawnAsync(instance, images, CancellationToken.None);
        return instance;
    }
}
