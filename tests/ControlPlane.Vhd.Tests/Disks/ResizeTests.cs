using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Tests.Support;

namespace ControlPlane.Vhd.Tests.Disks;

public sealed class ResizeTests
{
    [Fact]
    public void Growing_past_the_bat_moves_blocks_and_keeps_data()
    {
        using var dir = new TempDirectory();
        var random = new Random(11);
        byte[] model = new byte[600L << 20];
        VhdFile.CreateDynamic(dir.File("a.vhd"), 4L << 20).Dispose();
        using (VhdDisk disk = VhdDisk.Open(dir.File("a.vhd"), writable: true))
        {
            byte[] data = DiskModel.RandomBytes(random, 4 << 20);
            disk.Write(0, data);
            data.CopyTo(model, 0);
        }

        using (VhdFile file = VhdFile.Open(dir.File("a.vhd"), writable: true))
        {
            file.Resize(600L << 20);
            Assert.Equal(300, file.TableEntries);
        }

        Assert.Empty(Checking.VhdChecker.Check(dir.File("a.vhd")));
        using (VhdDisk disk = VhdDisk.Open(dir.File("a.vhd"), writable: true))
        {
            Assert.Equal(600L << 20, disk.VirtualSize);
            byte[] tail = DiskModel.RandomBytes(random, 1 << 20);
            disk.Write((600L << 20) - tail.Length, tail);
            tail.CopyTo(model, (600L << 20) - tail.Length);
            DiskModel.AssertSameBytes(model, DiskModel.ReadAll(disk));
        }

        Assert.Empty(Checking.VhdChecker.Check(dir.File("a.vhd")));
    }

    [Fact]
    public void Growing_a_child_moves_its_locators_and_keeps_the_chain()
    {
        using var dir = new TempDirectory();
        VhdFile.CreateDynamic(dir.File("p.vhd"), 2L << 20).Dispose();
        VhdFile.CreateDifferencing(dir.File("c.vhd"), dir.File("p.vhd")).Dispose();
        using (VhdFile c = VhdFile.Open(dir.File("c.vhd"), writable: true))
        {
            c.Resize(2L << 30);
            Assert.Equal(["./p.vhd"], c.ParentLocatorPaths);
        }

        Assert.Empty(Checking.VhdChecker.Check(dir.File("c.vhd")));
        using VhdDisk disk = VhdDisk.Open(dir.File("c.vhd"));
        Assert.Equal(2, disk.Chain.Count);
        Assert.Equal(2L << 30, disk.VirtualSize);
    }

    [Fact]
    public void Shrinking_is_refused_and_growing_within_the_bat_needs_no_move()
    {
        using var dir = new TempDirectory();
        using VhdFile file = VhdFile.CreateDynamic(dir.File("a.vhd"), 3L << 20);
        Assert.Throws<ArgumentOutOfRangeException>(() => file.Resize(1L << 20));
        file.Resize(4L << 20);
        Assert.Equal(2, file.TableEntries);
        Assert.Equal(4L << 20, file.VirtualSize);
    }

    [Fact]
    public void Fixed_disk_grows()
    {
        using var dir = new TempDirectory();
        using (VhdFile file = VhdFile.CreateFixed(dir.File("f.vhd"), 1L << 20))
        {
            file.Resize(3L << 20);
        }

        Assert.Equal((3L << 20) + 512, new FileInfo(dir.File("f.vhd")).Length);
        Assert.Empty(Checking.VhdChecker.Check(dir.File("f.vhd")));
    }
}
