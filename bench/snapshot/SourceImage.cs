using System.Formats.Tar;
using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Checking;
using ControlPlane.Vhd.Files;

namespace ControlPlane.Bench.Snapshot;

/// <summary>
/// The benchmark's source image: one dynamic VHD (<c>0.vhd</c>, the chain's only layer) of <c>DiskGiB</c> whose first
/// <c>DataMiB</c> are random bytes (incompressible, every 2 MiB block allocated), written through our Vhd library,
/// checked, and packed as Nova's XenAPI image format (an uncompressed tar of the chain: gzip gains nothing on random data).
/// </summary>
public sealed record SourceImage(string TarPath, long TarBytes, long VirtualBytes, long DataBytes, int AllocatedBlocks)
{
    private const int Chunk = 1 << 20;

    public static SourceImage Build(string workDirectory, int dataMiB, int diskGiB, TextWriter log)
    {
        Directory.CreateDirectory(workDirectory);
        var vhd = Path.Combine(workDirectory, "0.vhd");
        var tar = Path.Combine(workDirectory, $"source-{dataMiB}m-{diskGiB}g.tar");
        long virtualBytes = (long)diskGiB << 30, dataBytes = (long)dataMiB << 20;
        if (File.Exists(tar))
        {
            log.WriteLine($"source image: reusing {tar}");
            return new SourceImage(tar, new FileInfo(tar).Length, virtualBytes, dataBytes, (int)(dataBytes / (2 << 20)));
        }

        log.WriteLine($"source image: writing {dataMiB} MiB of random data into a {diskGiB} GiB dynamic VHD");
        VhdFile.CreateDynamic(vhd, virtualBytes, new() { Overwrite = true }).Dispose();
        int allocated;
        using (var disk = VhdDisk.Open(vhd, writable: true))
        {
            var buffer = new byte[Chunk];
            for (long offset = 0; offset < dataBytes; offset += Chunk)
            {
                Random.Shared.NextBytes(buffer);
                disk.Write(offset, buffer);
            }
            disk.Flush();
            allocated = disk.Leaf.AllocatedBlockCount;
        }

        var problems = VhdChecker.Check(vhd);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("the source VHD does not check clean: " + string.Join("; ", problems.Select(p => p.Message)));
        }

        using (var output = File.Create(tar + ".tmp"))
        using (var writer = new TarWriter(output, TarEntryFormat.Gnu, leaveOpen: false))
        using (var data = File.OpenRead(vhd))
        {
            writer.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, "0.vhd") { DataStream = data, Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite });
        }
        File.Move(tar + ".tmp", tar, overwrite: true);
        File.Delete(vhd);
        log.WriteLine($"source image: {tar} ({new FileInfo(tar).Length} bytes, {allocated} blocks of 2 MiB allocated)");
        return new SourceImage(tar, new FileInfo(tar).Length, virtualBytes, dataBytes, allocated);
    }
}
