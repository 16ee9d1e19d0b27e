using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Operations;

namespace ControlPlane.Bench.Vhd;

/// <summary>
/// The benchmark's inputs for one size: a fully written parent and a child with about half of its 2 MiB blocks
/// rewritten (random data, fixed seed), as a VHD chain and as the equivalent qcow2 chain (same bytes in the overlay) for qemu-img
/// (qemu's vpc driver cannot read differencing VHDs), plus the expected final content as raw.
/// </summary>
public sealed class ChainFixture
{
    public const int Block = 2 << 20;

    private ChainFixture(string directory, long size) => (Directory, Size) = (directory, size);

    public string Directory { get; }
    public long Size { get; }
    public string ParentVhd => Path.Combine(Directory, "parent.vhd");
    public string ChildVhd => Path.Combine(Directory, "child.vhd");
    public string ParentRaw => Path.Combine(Directory, "parent.raw");
    public string FinalRaw => Path.Combine(Directory, "final.raw");
    public string BaseQcow2 => Path.Combine(Directory, "base.qcow2");
    public string TopQcow2 => Path.Combine(Directory, "top.qcow2");
    public long ChildBlocks { get; private set; }

    public static ChainFixture Create(string directory, long size, int seed, TextWriter log)
    {
        System.IO.Directory.CreateDirectory(directory);
        var fixture = new ChainFixture(directory, size);
        var random = new Random(seed);
        var buffer = new byte[Block];
        log.WriteLine($"[{size >> 20} MiB] writing parent.raw and parent.vhd");
        using (FileStream raw = File.Create(fixture.ParentRaw))
        {
            for (long at = 0; at < size; at += Block)
            {
                random.NextBytes(buffer);
                raw.Write(buffer);
            }
        }

        VhdRawConverter.ImportRaw(fixture.ParentRaw, fixture.ParentVhd);
        File.Copy(fixture.ParentRaw, fixture.FinalRaw);

        log.WriteLine($"[{size >> 20} MiB] writing child.vhd (about half the blocks)");
        int blocks = (int)(size / Block);
        VhdFile.CreateDifferencing(fixture.ChildVhd, fixture.ParentVhd).Dispose();
        log.WriteLine($"[{size >> 20} MiB] building the equivalent qcow2 chain (base + overlay) for qemu-img");
        ProcessRunner.MustRun("qemu-img", "convert", "-f", "raw", "-O", "qcow2", fixture.ParentRaw, fixture.BaseQcow2);
        ProcessRunner.MustRun("qemu-img", "create", "-f", "qcow2", "-b", fixture.BaseQcow2, "-F", "qcow2", fixture.TopQcow2);
        string blockFile = Path.Combine(directory, "block.bin");
        using (VhdDisk child = VhdDisk.Open(fixture.ChildVhd, writable: true))
        using (FileStream final = new(fixture.FinalRaw, FileMode.Open, FileAccess.Write))
        {
            foreach (int block in Enumerable.Range(0, blocks).OrderBy(_ => random.Next()).Take(blocks / 2).Order())
            {
                random.NextBytes(buffer);
                long offset = (long)block * Block;
                child.Write(offset, buffer);
                final.Position = offset;
                final.Write(buffer);
                // The same bytes go into the qcow2 overlay (qemu-io write -s reads the buffer from a file).
                File.WriteAllBytes(blockFile, buffer);
                ProcessRunner.MustRun("qemu-io", "-f", "qcow2", "-c", $"write -q -s {blockFile} {offset} {Block}", fixture.TopQcow2);
            }

            fixture.ChildBlocks = child.Leaf.AllocatedBlockCount;
        }

        File.Delete(blockFile);
        return fixture;
    }
}
