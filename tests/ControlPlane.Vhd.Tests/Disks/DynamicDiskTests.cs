using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Format;
using ControlPlane.Vhd.Tests.Support;

namespace ControlPlane.Vhd.Tests.Disks;

public sealed class DynamicDiskTests
{
    [Fact]
    public void New_dynamic_disk_has_blktap_layout_and_reads_zeros()
    {
        using var dir = new TempDirectory();
        using (VhdFile file = VhdFile.CreateDynamic(dir.File("a.vhd"), 10L << 20))
        {
            Assert.Equal(VhdDiskType.Dynamic, file.DiskType);
            Assert.Equal(10L << 20, file.VirtualSize);
            Assert.Equal(5, file.TableEntries);
            Assert.Equal(0, file.AllocatedBlockCount);
            Assert.Equal(1536ul, file.Header!.TableOffset);
            Assert.True(file.HasBatmap);
        }

        byte[] raw = File.ReadAllBytes(dir.File("a.vhd"));
        Assert.Equal(raw[..512], raw[^512..]);
        using VhdDisk disk = VhdDisk.Open(dir.File("a.vhd"));
        Assert.All(DiskModel.ReadAll(disk), b => Assert.Equal(0, b));
    }

    [Fact]
    public void Writes_read_back_including_unaligned_and_cross_block()
    {
        using var dir = new TempDirectory();
        VhdFile.CreateDynamic(dir.File("a.vhd"), 9L << 20).Dispose();
        var model = new byte[9L << 20];
        var random = new Random(7);
        using (VhdDisk disk = VhdDisk.Open(dir.File("a.vhd"), writable: true))
        {
            foreach ((long offset, int length) in new[] { (0L, 512), (100L, 3), ((2L << 20) - 700, 5000), ((9L << 20) - 1, 1), (4L << 20, 2 << 20) })
            {
                byte[] data = DiskModel.RandomBytes(random, length);
                disk.Write(offset, data);
                data.CopyTo(model, offset);
            }

            DiskModel.AssertSameBytes(model, DiskModel.ReadAll(disk));
        }

        using VhdDisk reopened = VhdDisk.Open(dir.File("a.vhd"));
        DiskModel.AssertSameBytes(model, DiskModel.ReadAll(reopened));
        Assert.Equal(4, reopened.Leaf.AllocatedBlockCount);
        Assert.Empty(Checking.VhdChecker.Check(dir.File("a.vhd")));
    }

    [Fact]
    public void Fixed_disk_reads_and_writes_in_place()
    {
        using var dir = new TempDirectory();
        VhdFile.CreateFixed(dir.File("f.vhd"), 3L << 20).Dispose();
        Assert.Equal((3L << 20) + 512, new FileInfo(dir.File("f.vhd")).Length);
        byte[] data = DiskModel.RandomBytes(new Random(1), 4096);
        using (VhdDisk disk = VhdDisk.Open(dir.File("f.vhd"), writable: true))
        {
            disk.Write(1000, data);
        }

        using VhdDisk again = VhdDisk.Open(dir.File("f.vhd"));
        var back = new byte[4096];
        again.Read(1000, back);
        Assert.Equal(data, back);
        Assert.Empty(Checking.VhdChecker.Check(dir.File("f.vhd")));
    }

    [Fact]
    public void Writes_beyond_the_end_and_on_read_only_disks_are_refused()
    {
        using var dir = new TempDirectory();
        VhdFile.CreateDynamic(dir.File("a.vhd"), 1L << 20).Dispose();
        using (VhdDisk rw = VhdDisk.Open(dir.File("a.vhd"), writable: true))
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => rw.Write((1L << 20) - 10, new byte[11]));
        }

        using VhdDisk ro = VhdDisk.Open(dir.File("a.vhd"));
        Assert.Throws<InvalidOperationException>(() => ro.Write(0, new byte[512]));
        Assert.Equal(0, ro.Read(1L << 20, new byte[10]));
    }

    [Fact]
    public void Existing_file_is_not_overwritten_unless_asked()
    {
        using var dir = new TempDirectory();
        VhdFile.CreateDynamic(dir.File("a.vhd"), 1L << 20).Dispose();
        Assert.Throws<IOException>(() => VhdFile.CreateDynamic(dir.File("a.vhd"), 1L << 20));
        VhdFile.CreateDynamic(dir.File("a.vhd"), 2L << 20, new VhdCreateOptions { Overwrite = true }).Dispose();
    }

    [Fact]
    public void Small_block_sizes_and_odd_sizes_work()
    {
        using var dir = new TempDirectory();
        var options = new VhdCreateOptions { BlockSize = 4096 };
        byte[] data = DiskModel.RandomBytes(new Random(3), 20000);
        using (VhdFile file = VhdFile.CreateDynamic(dir.File("s.vhd"), 100_001, options))
        {
            Assert.Equal(100_352, file.VirtualSize);
        }

        using (VhdDisk disk = VhdDisk.Open(dir.File("s.vhd"), writable: true))
        {
            disk.Write(77, data);
        }

        using VhdDisk again = VhdDisk.Open(dir.File("s.vhd"));
        var back = new byte[20000];
        again.Read(77, back);
        Assert.Equal(data, back);
        Assert.Empty(Checking.VhdChecker.Check(dir.File("s.vhd")));
    }
}
