using System.Buffers.Binary;
using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Checking;
using ControlPlane.Vhd.Errors;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Tests.Support;

namespace ControlPlane.Vhd.Tests.Hostile;

/// <summary>Each hostile file gives a typed error from Open and a problem from Check; never a crash or hang.</summary>
public sealed class HostileInputTests
{
    [Fact]
    public void Corrupt_primary_footer_falls_back_to_the_copy_and_is_reported()
    {
        using var dir = new TempDirectory();
        string path = NewDisk(dir, "a.vhd");
        Corrupt(path, new FileInfo(path).Length - 512 + 70);
        using (VhdFile file = VhdFile.Open(path))
        {
            Assert.Equal(4L << 20, file.VirtualSize);
        }

        IReadOnlyList<VhdProblem> problems = VhdChecker.Check(path);
        Assert.Contains(problems, p => p.Code == VhdErrorCode.FooterChecksumMismatch && !p.Fatal);
    }

    [Fact]
    public void Both_footers_corrupt_is_a_checksum_error()
    {
        using var dir = new TempDirectory();
        string path = NewDisk(dir, "a.vhd");
        Corrupt(path, new FileInfo(path).Length - 512 + 70);
        Corrupt(path, 70);
        AssertRefused(path, VhdErrorCode.FooterChecksumMismatch);
    }

    [Fact]
    public void Bad_cookie_and_fixed_disk_footer_corruption_are_refused()
    {
        using var dir = new TempDirectory();
        string path = dir.File("f.vhd");
        VhdFile.CreateFixed(path, 1L << 20).Dispose();
        Corrupt(path, (1L << 20) + 2);
        AssertRefused(path, VhdErrorCode.BadFooterCookie);
    }

    [Theory]
    [InlineData(0x7FFFFFFFu)]
    [InlineData(0xFFFFFFF0u)]
    public void Bat_entry_beyond_the_file_is_refused(uint entry)
    {
        using var dir = new TempDirectory();
        string path = NewDisk(dir, "a.vhd");
        VhdPatcher.PatchBatEntry(path, 1, entry);
        AssertRefused(path, VhdErrorCode.BatEntryOutOfRange);
    }

    [Fact]
    public void Bat_entry_whose_data_runs_past_the_footer_is_refused()
    {
        using var dir = new TempDirectory();
        string path = NewDisk(dir, "a.vhd");
        long footer = new FileInfo(path).Length - 512;
        VhdPatcher.PatchBatEntry(path, 1, (uint)((footer - 1024) / 512));
        AssertRefused(path, VhdErrorCode.BatEntryOutOfRange);
    }

    [Fact]
    public void Two_blocks_at_one_place_overlap()
    {
        using var dir = new TempDirectory();
        string path = NewDisk(dir, "a.vhd");
        VhdPatcher.PatchBatEntry(path, 1, VhdPatcher.ReadBatEntry(path, 0) + 8);
        AssertRefused(path, VhdErrorCode.BlocksOverlap);
    }

    [Fact]
    public void Block_over_the_metadata_overlaps()
    {
        using var dir = new TempDirectory();
        string path = NewDisk(dir, "a.vhd");
        VhdPatcher.PatchBatEntry(path, 1, 2);
        AssertRefused(path, VhdErrorCode.BlocksOverlap);
    }

    [Fact]
    public void Absurd_table_and_offsets_are_refused()
    {
        using var dir = new TempDirectory();
        string a = NewDisk(dir, "a.vhd");
        VhdPatcher.PatchHeader(a, h => BinaryPrimitives.WriteUInt32BigEndian(h.AsSpan(28), 1));
        AssertRefused(a, VhdErrorCode.InvalidTable);

        string b = NewDisk(dir, "b.vhd");
        VhdPatcher.PatchHeader(b, h => BinaryPrimitives.WriteUInt64BigEndian(h.AsSpan(16), 1L << 40));
        AssertRefused(b, VhdErrorCode.InvalidTable);

        string c = NewDisk(dir, "c.vhd");
        VhdPatcher.PatchBoth(c, f => BinaryPrimitives.WriteUInt64BigEndian(f.AsSpan(16), 1L << 50));
        AssertRefused(c, VhdErrorCode.BadDataOffset);

        string d = NewDisk(dir, "d.vhd");
        VhdPatcher.PatchBoth(d, f => BinaryPrimitives.WriteUInt64BigEndian(f.AsSpan(48), 1L << 45));
        AssertRefused(d, VhdErrorCode.InvalidSize);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(511)]
    [InlineData(1024)]
    [InlineData(2000)]
    [InlineData(5000)]
    [InlineData(-4096)]
    [InlineData(-512)]
    public void Truncated_files_are_refused_or_reported(int length)
    {
        using var dir = new TempDirectory();
        string path = NewDisk(dir, "a.vhd");
        long full = new FileInfo(path).Length;
        using (var stream = new FileStream(path, FileMode.Open))
        {
            stream.SetLength(length >= 0 ? length : full + length);
        }

        Assert.Throws<VhdFormatException>(() => ReadWhole(path));
        Assert.Contains(VhdChecker.Check(path), p => p.Fatal);
    }

    [Fact]
    public void Missing_parent_is_refused_and_reported()
    {
        using var dir = new TempDirectory();
        string parent = NewDisk(dir, "p.vhd");
        VhdFile.CreateDifferencing(dir.File("c.vhd"), parent).Dispose();
        File.Delete(parent);
        AssertRefused(dir.File("c.vhd"), VhdErrorCode.ParentMissing);
    }

    [Fact]
    public void Parent_that_is_not_a_vhd_is_refused()
    {
        using var dir = new TempDirectory();
        string parent = NewDisk(dir, "p.vhd");
        VhdFile.CreateDifferencing(dir.File("c.vhd"), parent).Dispose();
        File.WriteAllText(parent, "#!/bin/sh\necho not a disk\n");
        Assert.Throws<VhdFormatException>(() => ReadWhole(dir.File("c.vhd")));
        Assert.Contains(VhdChecker.Check(dir.File("c.vhd")), p => p.Fatal);
    }

    [Fact]
    public void Cyclic_parents_are_refused_and_reported()
    {
        using var dir = new TempDirectory();
        string root = NewDisk(dir, "root.vhd");
        VhdFile.CreateDifferencing(dir.File("x.vhd"), root).Dispose();
        VhdFile.CreateDifferencing(dir.File("y.vhd"), dir.File("x.vhd")).Dispose();
        using (VhdFile x = VhdFile.Open(dir.File("x.vhd"), writable: true))
        {
            x.SetParent(dir.File("y.vhd"));
        }

        AssertRefused(dir.File("y.vhd"), VhdErrorCode.ChainCycle);
    }

    [Fact]
    public void Chains_deeper_than_the_limit_are_refused()
    {
        using var dir = new TempDirectory();
        string previous = NewDisk(dir, "d0.vhd");
        for (int i = 1; i <= VhdLimits.MaxChainDepth; i++)
        {
            VhdFile.CreateDifferencing(dir.File($"d{i}.vhd"), previous).Dispose();
            previous = dir.File($"d{i}.vhd");
        }

        using (VhdDisk ok = VhdDisk.Open(dir.File($"d{VhdLimits.MaxChainDepth - 1}.vhd")))
        {
            Assert.Equal(VhdLimits.MaxChainDepth, ok.Chain.Count);
        }

        AssertRefused(previous, VhdErrorCode.ChainTooDeep);
    }

    [Fact]
    public void Locator_outside_the_file_is_reported_and_the_parent_is_missing()
    {
        using var dir = new TempDirectory();
        string parent = NewDisk(dir, "p.vhd");
        VhdFile.CreateDifferencing(dir.File("c.vhd"), parent).Dispose();
        VhdPatcher.PatchHeader(dir.File("c.vhd"), h =>
        {
            for (int i = 0; i < 3; i++)
            {
                BinaryPrimitives.WriteUInt64BigEndian(h.AsSpan(576 + i * 24 + 16), 1L << 40);
            }
        });
        IReadOnlyList<VhdProblem> problems = VhdChecker.Check(dir.File("c.vhd"));
        Assert.Contains(problems, p => p.Code == VhdErrorCode.InvalidLocator);
        Assert.Contains(problems, p => p.Code == VhdErrorCode.ParentMissing);
        Assert.Equal(VhdErrorCode.ParentMissing, Assert.Throws<VhdFormatException>(() => ReadWhole(dir.File("c.vhd"))).Reason);
    }

    private static string NewDisk(TempDirectory dir, string name)
    {
        string path = dir.File(name);
        VhdFile.CreateDynamic(path, 4L << 20).Dispose();
        using VhdDisk disk = VhdDisk.Open(path, writable: true);
        disk.Write(0, DiskModel.RandomBytes(new Random(1), 3 << 20));
        return path;
    }

    private static void Corrupt(string path, long offset)
    {
        using var stream = new FileStream(path, FileMode.Open);
        stream.Position = offset;
        int b = stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(b ^ 0x5A));
    }

    private static void ReadWhole(string path)
    {
        using VhdDisk disk = VhdDisk.Open(path);
        var buffer = new byte[1 << 20];
        long at = 0;
        int n;
        while ((n = disk.Read(at, buffer)) > 0)
        {
            at += n;
        }
    }

    private static void AssertRefused(string path, VhdErrorCode expected)
    {
        var e = Assert.Throws<VhdFormatException>(() => ReadWhole(path));
        Assert.Equal(expected, e.Reason);
        IReadOnlyList<VhdProblem> problems = VhdChecker.Check(path);
        Assert.Contains(problems, p => p.Code == expected && p.Fatal);
    }
}
