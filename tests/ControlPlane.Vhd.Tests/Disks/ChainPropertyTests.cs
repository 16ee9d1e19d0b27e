using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Checking;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Format;
using ControlPlane.Vhd.Operations;
using ControlPlane.Vhd.Tests.Support;

namespace ControlPlane.Vhd.Tests.Disks;

/// <summary>Random writes through base + 2 children (fixed seeds), checked against an in-memory model of the disk.</summary>
public sealed class ChainPropertyTests
{
    private const long Size = 13L << 20;

    [Theory]
    [InlineData(1, 2 << 20)]
    [InlineData(2, 64 << 10)]
    [InlineData(3, 4096)]
    [InlineData(4, 2 << 20)]
    public void Random_writes_then_read_flatten_export_equal_the_model(int seed, int blockSize)
    {
        using var dir = new TempDirectory();
        byte[] model = BuildChain(dir, new Random(seed), blockSize);

        using (VhdDisk disk = VhdDisk.Open(dir.File("c2.vhd")))
        {
            Assert.Equal(3, disk.Chain.Count);
            DiskModel.AssertSameBytes(model, DiskModel.ReadAll(disk));
            using var raw = new MemoryStream();
            Assert.Equal(Size, VhdRawConverter.ExportRaw(disk, raw));
            DiskModel.AssertSameBytes(model, raw.ToArray());
        }

        using (FileStream output = File.Create(dir.File("flat.vhd")))
        {
            VhdFlattener.Flatten(dir.File("c2.vhd"), new NonSeekableStream(output));
        }

        Assert.Empty(VhdChecker.Check(dir.File("flat.vhd")));
        using VhdDisk flat = VhdDisk.Open(dir.File("flat.vhd"));
        Assert.Single(flat.Chain);
        Assert.Equal(VhdDiskType.Dynamic, flat.Leaf.DiskType);
        DiskModel.AssertSameBytes(model, DiskModel.ReadAll(flat));
    }

    [Theory]
    [InlineData(11, 2 << 20)]
    [InlineData(12, 32 << 10)]
    public void Coalescing_down_the_chain_equals_the_model(int seed, int blockSize)
    {
        using var dir = new TempDirectory();
        byte[] model = BuildChain(dir, new Random(seed), blockSize);
        long sectors = VhdCoalescer.Coalesce(dir.File("c2.vhd"));
        Assert.True(sectors > 0);
        using (VhdDisk c1 = VhdDisk.Open(dir.File("c1.vhd")))
        {
            DiskModel.AssertSameBytes(model, DiskModel.ReadAll(c1));
        }

        // The child is untouched and still reads the same through its (now coalesced) parent.
        using (VhdDisk c2 = VhdDisk.Open(dir.File("c2.vhd")))
        {
            DiskModel.AssertSameBytes(model, DiskModel.ReadAll(c2));
        }

        VhdCoalescer.Coalesce(dir.File("c1.vhd"));
        using (VhdDisk b = VhdDisk.Open(dir.File("base.vhd")))
        {
            Assert.Single(b.Chain);
            DiskModel.AssertSameBytes(model, DiskModel.ReadAll(b));
        }

        Assert.Empty(VhdChecker.Check(dir.File("base.vhd")));
    }

    [Fact]
    public void Coalesce_grows_a_smaller_parent()
    {
        using var dir = new TempDirectory();
        var random = new Random(21);
        VhdFile.CreateDynamic(dir.File("p.vhd"), 2L << 20).Dispose();
        var model = new byte[10L << 20];
        using (VhdDisk p = VhdDisk.Open(dir.File("p.vhd"), writable: true))
        {
            Write(p, model, random, 10);
        }

        using (VhdFile c = VhdFile.CreateDifferencing(dir.File("c.vhd"), dir.File("p.vhd")))
        {
            c.Resize(10L << 20);
        }

        using (VhdDisk c = VhdDisk.Open(dir.File("c.vhd"), writable: true))
        {
            Write(c, model, random, 30);
        }

        VhdCoalescer.Coalesce(dir.File("c.vhd"));
        using VhdDisk parent = VhdDisk.Open(dir.File("p.vhd"));
        Assert.Equal(10L << 20, parent.VirtualSize);
        DiskModel.AssertSameBytes(model, DiskModel.ReadAll(parent));
        Assert.Empty(VhdChecker.Check(dir.File("p.vhd")));
    }

    [Fact]
    public void Coalesce_into_a_fixed_parent_writes_in_place()
    {
        using var dir = new TempDirectory();
        var random = new Random(31);
        var model = new byte[6L << 20];
        VhdFile.CreateFixed(dir.File("p.vhd"), model.Length).Dispose();
        using (VhdDisk p = VhdDisk.Open(dir.File("p.vhd"), writable: true))
        {
            Write(p, model, random, 10);
        }

        VhdFile.CreateDifferencing(dir.File("c.vhd"), dir.File("p.vhd")).Dispose();
        using (VhdDisk c = VhdDisk.Open(dir.File("c.vhd"), writable: true))
        {
            Write(c, model, random, 20);
        }

        VhdCoalescer.Coalesce(dir.File("c.vhd"));
        using VhdDisk parent = VhdDisk.Open(dir.File("p.vhd"));
        DiskModel.AssertSameBytes(model, DiskModel.ReadAll(parent));
    }

    private static byte[] BuildChain(TempDirectory dir, Random random, int blockSize)
    {
        var model = new byte[Size];
        VhdFile.CreateDynamic(dir.File("base.vhd"), Size, new VhdCreateOptions { BlockSize = blockSize }).Dispose();
        using (VhdDisk b = VhdDisk.Open(dir.File("base.vhd"), writable: true))
        {
            Write(b, model, random, 40);
        }

        VhdDisk.Snapshot(dir.File("base.vhd"), dir.File("c1.vhd")).Dispose();
        using (VhdDisk c1 = VhdDisk.Open(dir.File("c1.vhd"), writable: true))
        {
            Write(c1, model, random, 40);
        }

        VhdDisk.Snapshot(dir.File("c1.vhd"), dir.File("c2.vhd")).Dispose();
        using (VhdDisk c2 = VhdDisk.Open(dir.File("c2.vhd"), writable: true))
        {
            Write(c2, model, random, 40);
        }

        return model;
    }

    private static void Write(VhdDisk disk, byte[] model, Random random, int count)
    {
        for (int i = 0; i < count; i++)
        {
            int length = random.Next(4) switch
            {
                0 => random.Next(1, 600),
                1 => random.Next(1, 8) * 512,
                2 => random.Next(1, 300_000),
                _ => random.Next(1, 3 << 20),
            };
            length = (int)Math.Min(length, disk.VirtualSize);
            long offset = random.NextInt64(0, disk.VirtualSize - length + 1);
            if (random.Next(3) == 0)
            {
                offset -= offset % 512;
            }

            byte[] data = random.Next(8) == 0 ? new byte[length] : DiskModel.RandomBytes(random, length);
            disk.Write(offset, data);
            data.CopyTo(model, offset);
        }
    }
}
