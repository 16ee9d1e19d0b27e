using ControlPlane.Vhd.Files;

namespace ControlPlane.Vhd.Chains;

/// <summary>
/// A virtual disk: a leaf VHD and its parents, read as one disk. Writes go to the leaf only (the parents are
/// opened read-only). Byte offsets and lengths need not be sector-aligned.
/// </summary>
public sealed class VhdDisk : IDisposable
{
    private readonly List<VhdFile> chain;

    private VhdDisk(List<VhdFile> chain) => this.chain = chain;

    /// <summary>The chain, leaf first, root last.</summary>
    public IReadOnlyList<VhdFile> Chain => chain;

    public VhdFile Leaf => chain[0];

    /// <summary>Virtual size of the disk (the leaf's).</summary>
    public long VirtualSize => Leaf.VirtualSize;

    /// <summary>Opens <paramref name="leafPath"/> and its parents. Throws <see cref="Errors.VhdFormatException"/> for a broken chain.</summary>
    public static VhdDisk Open(string leafPath, bool writable = false) => new(VhdChainOpener.Open(leafPath, writable));

    /// <summary>Creates a differencing child of <paramref name="parentPath"/> at <paramref name="childPath"/> (a snapshot) and returns it opened read-write.</summary>
    public static VhdFile Snapshot(string parentPath, string childPath, VhdCreateOptions? options = null) =>
        VhdFile.CreateDifferencing(childPath, parentPath, options);

    /// <summary>Reads up to <c>buffer.Length</c> bytes at <paramref name="offset"/>; returns the count read (0 at the end of the disk).</summary>
    public int Read(long offset, Span<byte> buffer)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (offset >= VirtualSize)
        {
            return 0;
        }

        int length = (int)Math.Min(buffer.Length, VirtualSize - offset);
        buffer = buffer[..length];
        long firstSector = offset / 512;
        int head = (int)(offset % 512);
        if (head == 0 && length % 512 == 0)
        {
            ChainReader.ReadSectors(chain, 0, firstSector, buffer);
            return length;
        }

        // Unaligned: read the covering sectors in bounded pieces.
        Span<byte> sectors = stackalloc byte[512];
        int done = 0;
        while (done < length)
        {
            long position = offset + done;
            int within = (int)(position % 512);
            if (within == 0 && length - done >= 512)
            {
                int aligned = (length - done) / 512 * 512;
                ChainReader.ReadSectors(chain, 0, position / 512, buffer.Slice(done, aligned));
                done += aligned;
                continue;
            }

            ChainReader.ReadSectors(chain, 0, position / 512, sectors);
            int n = Math.Min(512 - within, length - done);
            sectors.Slice(within, n).CopyTo(buffer[done..]);
            done += n;
        }

        return length;
    }

    /// <summary>
    /// Whether no image of the chain stores any byte of [<paramref name="offset"/>, +<paramref name="length"/>): the range
    /// then reads as zeros, known from the BATs alone without reading data.
    /// </summary>
    internal bool IsUnallocated(long offset, long length)
    {
        long end = Math.Min(offset + length, VirtualSize);
        foreach (VhdFile image in chain)
        {
            long limit = Math.Min(end, image.VirtualSize);
            if (offset >= limit)
            {
                continue;
            }

            if (image.DiskType == Format.VhdDiskType.Fixed)
            {
                return false;
            }

            for (long block = offset / image.BlockSize; block * image.BlockSize < limit; block++)
            {
                if (image.IsBlockAllocated((int)block))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Writes <paramref name="data"/> at <paramref name="offset"/> into the leaf. Partial sectors are merged with what the chain holds.</summary>
    public void Write(long offset, ReadOnlySpan<byte> data)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if (offset + data.Length > VirtualSize)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), $"write of {data.Length} bytes at {offset} beyond the virtual size {VirtualSize}");
        }

        Span<byte> sector = stackalloc byte[512];
        while (!data.IsEmpty)
        {
            int within = (int)(offset % 512);
            if (within == 0 && data.Length >= 512)
            {
                int aligned = data.Length / 512 * 512;
                Leaf.WriteSectors(offset / 512, data[..aligned]);
                offset += aligned;
                data = data[aligned..];
                continue;
            }

            int n = Math.Min(512 - within, data.Length);
            ChainReader.ReadSectors(chain, 0, offset / 512, sector);
            data[..n].CopyTo(sector[within..]);
            Leaf.WriteSectors(offset / 512, sector);
            offset += n;
            data = data[n..];
        }
    }

    /// <summary>Flushes the leaf to stable storage.</summary>
    public void Flush() => Leaf.Flush();

    public void Dispose()
    {
        foreach (VhdFile file in chain)
        {
            file.Dispose();
        }
    }
}
