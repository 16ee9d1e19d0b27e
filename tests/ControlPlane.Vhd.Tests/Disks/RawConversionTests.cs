using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Operations;
using ControlPlane.Vhd.Tests.Support;

namespace ControlPlane.Vhd.Tests.Disks;

public sealed class RawConversionTests
{
    [Fact]
    public void Import_skips_zero_blocks_and_export_round_trips()
    {
        using var dir = new TempDirectory();
        var raw = new byte[(10 << 20) + 1000];
        var random = new Random(61);
        random.NextBytes(raw.AsSpan(0, 100));
        random.NextBytes(raw.AsSpan(6 << 20, 3 << 20));
        random.NextBytes(raw.AsSpan(raw.Length - 10));
        int blocks = VhdRawConverter.ImportRaw(new MemoryStream(raw), raw.Length, dir.File("a.vhd"));
        Assert.Equal(4, blocks);
        using var output = new MemoryStream();
        long written = VhdRawConverter.ExportRaw(dir.File("a.vhd"), new NonSeekableStream(output));
        Assert.Equal((raw.Length + 511) / 512 * 512, written);
        DiskModel.AssertSameBytes(raw, output.ToArray().AsSpan(0, raw.Length));
    }

    [Fact]
    public void Import_refuses_a_stream_longer_than_the_disk()
    {
        using var dir = new TempDirectory();
        Assert.Throws<InvalidDataException>(() => VhdRawConverter.ImportRaw(new MemoryStream(new byte[5000]), 4096, dir.File("a.vhd")));
    }

    [Fact]
    public void Write_raw_over_a_differencing_leaf_masks_the_parent_even_with_zeros()
    {
        using var dir = new TempDirectory();
        var parentData = Enumerable.Repeat((byte)0xAB, 4 << 20).ToArray();
        VhdRawConverter.ImportRaw(new MemoryStream(parentData), parentData.Length, dir.File("p.vhd"));
        VhdFile.CreateDifferencing(dir.File("c.vhd"), dir.File("p.vhd")).Dispose();
        var raw = new byte[4 << 20];
        raw.AsSpan(3 << 20).Fill(7);
        using (VhdDisk disk = VhdDisk.Open(dir.File("c.vhd"), writable: true))
        {
            Assert.Equal(raw.Length, VhdRawConverter.WriteRaw(new MemoryStream(raw), disk));
        }

        using VhdDisk again = VhdDisk.Open(dir.File("c.vhd"));
        DiskModel.AssertSameBytes(raw, DiskModel.ReadAll(again));
    }

    [Fact]
    public void Write_raw_into_a_dynamic_disk_leaves_zero_blocks_unallocated()
    {
        using var dir = new TempDirectory();
        VhdFile.CreateDynamic(dir.File("d.vhd"), 8 << 20).Dispose();
        var raw = new byte[6 << 20];
        raw[5 << 20] = 1;
        using VhdDisk disk = VhdDisk.Open(dir.File("d.vhd"), writable: true);
        VhdRawConverter.WriteRaw(new MemoryStream(raw), disk);
        Assert.Equal(1, disk.Leaf.AllocatedBlockCount);
        DiskModel.AssertSameBytes(raw, DiskModel.ReadAll(disk).AsSpan(0, raw.Length));
    }

    [Fact]
    public void Presized_file_outputs_end_exactly_where_the_data_ends()
    {
        using var dir = new TempDirectory();
        var raw = new byte[5 << 20];
        raw[(3 << 20) + 5] = 9;
        VhdRawConverter.ImportRaw(new MemoryStream(raw), raw.Length, dir.File("a.vhd"));
        long flat;
        using (FileStream output = File.Create(dir.File("flat.vhd")))
        {
            flat = VhdFlattener.Flatten(dir.File("a.vhd"), output);
        }

        Assert.Equal(flat, new FileInfo(dir.File("flat.vhd")).Length);
        Assert.Empty(Checking.VhdChecker.Check(dir.File("flat.vhd")));
        using (FileStream output = File.Create(dir.File("out.raw")))
        {
            Assert.Equal(raw.Length, VhdRawConverter.ExportRaw(dir.File("flat.vhd"), output));
        }

        Assert.Equal(raw, File.ReadAllBytes(dir.File("out.raw")));
    }
}
