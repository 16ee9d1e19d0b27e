using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Operations;

namespace ControlPlane.Deploy.ImageBuilder;

/// <summary>Builds a two-layer VHD chain from a base raw image and a modified copy of it.</summary>
public static class ChainBuilder
{
    private const int Chunk = 1 << 20;

    /// <summary>Returns the base's allocated block count and the number of 512-byte sectors the child layer holds.</summary>
    public static (int Allocated, long ChangedSectors) Build(string baseRaw, string childRaw, string outDir)
    {
        var size = new FileInfo(baseRaw).Length;
        if (new FileInfo(childRaw).Length != size)
        {
            throw new InvalidOperationException("base and child raw images must have the same size");
        }

        Directory.CreateDirectory(outDir);
        var basePath = Path.Combine(outDir, "1.vhd");
        var childPath = Path.Combine(outDir, "0.vhd");
        int allocated;
        using (var raw = File.OpenRead(baseRaw))
        {
            allocated = VhdRawConverter.ImportRaw(raw, size, basePath);
        }

        using (VhdDisk.Snapshot(basePath, childPath))
        {
        }

        long changed = 0;
        using var disk = VhdDisk.Open(childPath, writable: true);
        using var before = File.OpenRead(baseRaw);
        using var after = File.OpenRead(childRaw);
        var a = new byte[Chunk];
        var b = new byte[Chunk];
        for (long offset = 0; offset < size; offset += Chunk)
        {
            var n = before.ReadAtLeast(a, Chunk, throwOnEndOfStream: false);
            after.ReadExactly(b, 0, n);
            for (var s = 0; s < n; s += 512)
            {
                var len = Math.Min(512, n - s);
                if (!a.AsSpan(s, len).SequenceEqual(b.AsSpan(s, len)))
                {
                    disk.Write(offset + s, b.AsSpan(s, len));
                    changed++;
                }
            }
        }

        disk.Flush();
        return (allocated, changed);
    }
}
