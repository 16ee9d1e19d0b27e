using System.Formats.Tar;
using System.IO.Compression;
using ControlPlane.Vhd;
using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Files;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Infrastructure;

/// <summary>Builds Nova-style image archives: a tar of 0.vhd (leaf) ... (n-1).vhd (base) with known content.</summary>
internal static class TestImages
{
    public const long VirtualSize = 16L << 20;

    /// <summary>Bytes the base layer writes at offset 0 and the child layer at 4 MiB (so a flattened disk has both).</summary>
    public static byte[] BaseBytes(int seed) => Pattern(seed, 64 * 1024);

    public static byte[] ChildBytes(int seed) => Pattern(seed + 1000, 32 * 1024);

    /// <summary>Writes a base + child chain into <paramref name="directory"/> as 1.vhd and 0.vhd with SR-style locators
    /// (the child names its parent <c>./&lt;uuid&gt;.vhd</c>, then is renamed, as Nova's staging does).</summary>
    public static IReadOnlyList<string> WriteChain(string directory, int seed, int layers = 2)
    {
        Directory.CreateDirectory(directory);
        var uuids = Enumerable.Range(0, layers).Select(_ => Guid.NewGuid().ToString()).ToList();
        var basePath = Path.Combine(directory, uuids[^1] + ".vhd");
        using (var root = VhdFile.CreateDynamic(basePath, VirtualSize))
        {
        }

        using (var disk = VhdDisk.Open(basePath, writable: true))
        {
            disk.Write(0, BaseBytes(seed));
        }

        for (var i = layers - 2; i >= 0; i--)
        {
            var path = Path.Combine(directory, uuids[i] + ".vhd");
            using (VhdDisk.Snapshot(Path.Combine(directory, uuids[i + 1] + ".vhd"), path))
            {
            }

            using var disk = VhdDisk.Open(path, writable: true);
            disk.Write((4L << 20) + (i * 65536), ChildBytes(seed + i));
        }

        var named = new List<string>();
        for (var i = 0; i < layers; i++)
        {
            var target = Path.Combine(directory, i + ".vhd");
            File.Copy(Path.Combine(directory, uuids[i] + ".vhd"), target);
            named.Add(target);
        }

        return named;
    }

    /// <summary>A tar (gzip-compressed when <paramref name="gzip"/>) of a fresh chain, entries <c>./0.vhd</c>, <c>./1.vhd</c>, ...</summary>
    public static byte[] Archive(int seed, bool gzip = false, int layers = 2)
    {
        var work = Path.Combine(Path.GetTempPath(), "xenapi-driver-images", Guid.NewGuid().ToString("N"));
        try
        {
            var files = WriteChain(work, seed, layers);
            return Tar(files.Select(f => ("./" + Path.GetFileName(f), File.ReadAllBytes(f))), gzip);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>A tar of the given regular-file members (plus the <c>./</c> directory entry tar -c writes).</summary>
    public static byte[] Tar(IEnumerable<(string Name, byte[] Data)> members, bool gzip = false)
    {
        using var buffer = new MemoryStream();
        using (Stream output = gzip ? new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true) : new NonClosing(buffer))
        using (var writer = new TarWriter(output, TarEntryFormat.Pax, leaveOpen: false))
        {
            writer.WriteEntry(new PaxTarEntry(TarEntryType.Directory, "./"));
            foreach (var (name, data) in members)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(data) });
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The raw content a flattened chain from <see cref="WriteChain"/> reads as.</summary>
    public static byte[] ExpectedRaw(int seed, int layers = 2)
    {
        var raw = new byte[VirtualSize];
        BaseBytes(seed).CopyTo(raw, 0);
        for (var i = layers - 2; i >= 0; i--)
        {
            ChildBytes(seed + i).CopyTo(raw, (4L << 20) + (i * 65536));
        }

        return raw;
    }

    private static byte[] Pattern(int seed, int length)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    private sealed class NonClosing(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
