using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Errors;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Format;
using ControlPlane.Vhd.Tests.Support;

namespace ControlPlane.Vhd.Tests.Disks;

public sealed class DifferencingDiskTests
{
    [Fact]
    public void Child_links_to_parent_with_relative_locators_and_reads_through()
    {
        using var dir = new TempDirectory();
        byte[] data = DiskModel.RandomBytes(new Random(5), 3 << 20);
        using (VhdDisk parent = OpenNew(dir.File("p.vhd"), 8L << 20))
        {
            parent.Write(1 << 20, data);
        }

        Guid parentId;
        using (VhdFile p = VhdFile.Open(dir.File("p.vhd")))
        {
            parentId = p.UniqueId;
        }

        using (VhdFile child = VhdDisk.Snapshot(dir.File("p.vhd"), dir.File("c.vhd")))
        {
            Assert.Equal(VhdDiskType.Differencing, child.DiskType);
            Assert.Equal(parentId, child.Header!.ParentUniqueId);
            Assert.Equal("p.vhd", child.Header.ParentUnicodeName);
            Assert.Equal(["./p.vhd"], child.ParentLocatorPaths);
            Assert.Equal(
                [VhdPlatformCode.MacX, VhdPlatformCode.W2ku, VhdPlatformCode.W2ru],
                child.Header.ParentLocators.Take(3).Select(l => l.PlatformCode));
            Assert.Equal(dir.File("p.vhd"), child.ResolveParentPath());
        }

        using VhdDisk disk = VhdDisk.Open(dir.File("c.vhd"), writable: true);
        Assert.Equal(2, disk.Chain.Count);
        var back = new byte[data.Length];
        disk.Read(1 << 20, back);
        Assert.Equal(data, back);

        // A partial-sector write in the child keeps the rest of the sector from the parent.
        disk.Write((1 << 20) + 10, new byte[] { 1, 2, 3 });
        var sector = new byte[512];
        disk.Read(1 << 20, sector);
        Assert.Equal(data[..10], sector[..10]);
        Assert.Equal(new byte[] { 1, 2, 3 }, sector[10..13]);
        Assert.Equal(data[13..512], sector[13..]);
    }

    [Fact]
    public void Chain_moves_as_a_directory_because_locators_are_relative()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("one"));
        VhdFile.CreateDynamic(dir.File("one/p.vhd"), 1L << 20).Dispose();
        VhdFile.CreateDifferencing(dir.File("one/c.vhd"), dir.File("one/p.vhd")).Dispose();
        Directory.Move(dir.File("one"), dir.File("two"));
        using VhdDisk disk = VhdDisk.Open(dir.File("two/c.vhd"));
        Assert.Equal(dir.File("two/p.vhd"), disk.Chain[1].Path);
    }

    [Fact]
    public void Parent_in_another_directory_is_found_by_relative_path()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("base"));
        Directory.CreateDirectory(dir.File("leaves"));
        VhdFile.CreateDynamic(dir.File("base/p.vhd"), 1L << 20).Dispose();
        using (VhdFile child = VhdFile.CreateDifferencing(dir.File("leaves/c.vhd"), dir.File("base/p.vhd")))
        {
            Assert.Equal(["../base/p.vhd"], child.ParentLocatorPaths);
        }

        using VhdDisk disk = VhdDisk.Open(dir.File("leaves/c.vhd"));
        Assert.Equal(dir.File("base/p.vhd"), disk.Chain[1].Path);
    }

    [Fact]
    public void Set_parent_rewrites_id_name_and_locators()
    {
        using var dir = new TempDirectory();
        VhdFile.CreateDynamic(dir.File("p1.vhd"), 4L << 20).Dispose();
        File.Copy(dir.File("p1.vhd"), dir.File("p2.vhd"));
        VhdFile.CreateDifferencing(dir.File("c.vhd"), dir.File("p1.vhd")).Dispose();
        File.Delete(dir.File("p1.vhd"));
        Assert.Equal(VhdErrorCode.ParentMissing, Assert.Throws<VhdFormatException>(() => VhdDisk.Open(dir.File("c.vhd"))).Reason);
        using (VhdFile child = VhdFile.Open(dir.File("c.vhd"), writable: true))
        {
            child.SetParent(dir.File("p2.vhd"));
        }

        using VhdDisk disk = VhdDisk.Open(dir.File("c.vhd"));
        Assert.Equal(dir.File("p2.vhd"), disk.Chain[1].Path);
        Assert.Equal("p2.vhd", disk.Leaf.Header!.ParentUnicodeName);
        Assert.Empty(Checking.VhdChecker.Check(dir.File("c.vhd")));
    }

    [Fact]
    public void Set_parent_to_a_disk_with_another_id_then_open_fails_id_check_until_relinked()
    {
        using var dir = new TempDirectory();
        VhdFile.CreateDynamic(dir.File("p.vhd"), 4L << 20).Dispose();
        VhdFile.CreateDifferencing(dir.File("c.vhd"), dir.File("p.vhd")).Dispose();
        File.Delete(dir.File("p.vhd"));
        VhdFile.CreateDynamic(dir.File("p.vhd"), 4L << 20).Dispose();
        Assert.Equal(VhdErrorCode.ParentIdMismatch, Assert.Throws<VhdFormatException>(() => VhdDisk.Open(dir.File("c.vhd"))).Reason);
        Assert.Contains(Checking.VhdChecker.Check(dir.File("c.vhd")), p => p.Code == VhdErrorCode.ParentIdMismatch);
        using (VhdFile child = VhdFile.Open(dir.File("c.vhd"), writable: true))
        {
            child.SetParent(dir.File("p.vhd"));
        }

        using VhdDisk disk = VhdDisk.Open(dir.File("c.vhd"));
        Assert.Equal(2, disk.Chain.Count);
    }

    [Fact]
    public void Hidden_flag_is_written_to_both_footers()
    {
        using var dir = new TempDirectory();
        using (VhdFile file = VhdFile.CreateDynamic(dir.File("a.vhd"), 1L << 20))
        {
            file.SetHidden(true);
        }

        byte[] raw = File.ReadAllBytes(dir.File("a.vhd"));
        Assert.Equal(1, raw[85]);
        Assert.Equal(1, raw[raw.Length - 512 + 85]);
        using VhdFile again = VhdFile.Open(dir.File("a.vhd"));
        Assert.True(again.Hidden);
        Assert.Empty(Checking.VhdChecker.Check(dir.File("a.vhd")));
    }

    [Fact]
    public void Child_larger_than_parent_reads_zeros_beyond_the_parent()
    {
        using var dir = new TempDirectory();
        using (VhdDisk p = OpenNew(dir.File("p.vhd"), 2L << 20))
        {
            p.Write(0, Enumerable.Repeat((byte)9, 2 << 20).ToArray());
        }

        using (VhdFile c = VhdFile.CreateDifferencing(dir.File("c.vhd"), dir.File("p.vhd")))
        {
            c.Resize(5L << 20);
        }

        using VhdDisk disk = VhdDisk.Open(dir.File("c.vhd"));
        byte[] all = DiskModel.ReadAll(disk);
        Assert.All(all[..(2 << 20)], b => Assert.Equal(9, b));
        Assert.All(all[(2 << 20)..], b => Assert.Equal(0, b));
    }

    private static VhdDisk OpenNew(string path, long size)
    {
        VhdFile.CreateDynamic(path, size).Dispose();
        return VhdDisk.Open(path, writable: true);
    }
}
