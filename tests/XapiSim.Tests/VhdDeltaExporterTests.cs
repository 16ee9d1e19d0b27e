using ControlPlane.Vhd;
using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Checking;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Format;
using ControlPlane.Vhd.Operations;

namespace XapiSim.Tests;

/// <summary>The library routine behind <c>base=</c> exports, on chains FileSR would not make (odd sizes, skipped levels).</summary>
public sealed class VhdDeltaExporterTests : IDisposable
{
    private const long Size = (5L << 20) + 1536;
    private readonly DirectoryInfo work = Directory.CreateTempSubdirectory("vhd-delta-");

    public void Dispose() => work.Delete(recursive: true);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_delta_over_any_ancestor_relinked_to_it_reads_as_the_chain(int baseLevel)
    {
        var basePath = Path.Combine(work.FullName, "base.vhd");
        using (VhdFile.CreateDynamic(basePath, Size))
        {
        }

        Write(basePath, 0, 3 << 20, seed: 1);
        var mid = Child(basePath, "mid.vhd");
        Write(mid, (2L << 20) - 700, 5000, seed: 2);
        var leaf = Child(mid, "leaf.vhd");
        Write(leaf, Size - 1000, 1000, seed: 3);
        Write(leaf, 4096, 512, seed: 4);
        var ancestor = baseLevel == 1 ? mid : basePath;
        var delta = Path.Combine(work.FullName, "delta.vhd");

        long written;
        using (var output = File.Create(delta))
        {
            written = VhdDeltaExporter.Export(leaf, ancestor, output);
        }

        Assert.Equal(new FileInfo(delta).Length, written);
        Assert.Equal(written, VhdDeltaExporter.Measure(leaf, ancestor));
        using (var file = VhdFile.Open(delta, writable: true))
        using (var leafFile = VhdFile.Open(leaf))
        using (var parent = VhdFile.Open(ancestor))
        {
            Assert.Equal(VhdDiskType.Differencing, file.DiskType);
            Assert.Equal((leafFile.UniqueId, parent.UniqueId, Size), (file.UniqueId, file.Header!.ParentUniqueId, file.VirtualSize));
            Assert.True(file.HasBatmap);
            file.SetParent(ancestor);
        }

        Assert.Empty(VhdChecker.Check(delta));
        Assert.Equal(Read(leaf), Read(delta));
    }

    [Fact]
    public void A_base_outside_the_chain_or_the_leaf_itself_is_refused()
    {
        var basePath = Path.Combine(work.FullName, "base.vhd");
        using (VhdFile.CreateDynamic(basePath, Size))
        {
        }

        var leaf = Child(basePath, "leaf.vhd");
        var stranger = Path.Combine(work.FullName, "stranger.vhd");
        using (VhdFile.CreateDynamic(stranger, Size))
        {
        }

        Assert.Throws<ArgumentException>(() => VhdDeltaExporter.Export(leaf, stranger, Stream.Null));
        Assert.Throws<ArgumentException>(() => VhdDeltaExporter.Measure(leaf, leaf));
    }

    private string Child(string parent, string name)
    {
        var path = Path.Combine(work.FullName, name);
        using (VhdDisk.Snapshot(parent, path, new VhdCreateOptions()))
        {
        }

        return path;
    }

    private static void Write(string path, long offset, int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        using var disk = VhdDisk.Open(path, writable: true);
        disk.Write(offset, data);
    }

    private static byte[] Read(string path)
    {
        using var disk = VhdDisk.Open(path);
        var content = new byte[disk.VirtualSize];
        Assert.Equal(content.Length, disk.Read(0, content));
        return content;
    }
}
