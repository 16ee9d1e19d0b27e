using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Files;

namespace ControlPlane.Vhd.Operations;

/// <summary>Raw disk images to and from VHDs, streaming with a single block-sized buffer.</summary>
public static class VhdRawConverter
{
    private const int ChunkBytes = 2 << 20;

    /// <summary>
    /// Creates a dynamic VHD at <paramref name="outputPath"/> of <paramref name="virtualSize"/> bytes (rounded up to a
    /// sector) from <paramref name="raw"/>; all-zero blocks are left unallocated. A stream shorter than the size leaves
    /// the rest zero; a longer one is refused. Returns the number of blocks allocated.
    /// </summary>
    public static int ImportRaw(Stream raw, long virtualSize, string outputPath, VhdCreateOptions? options = null)
    {
        using VhdFile vhd = VhdFile.CreateDynamic(outputPath, virtualSize, options);
        var buffer = new byte[vhd.BlockSize];
        long offset = 0;
        while (true)
        {
            int n = raw.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            if (n == 0)
            {
                break;
            }

            if (offset + n > vhd.VirtualSize)
            {
                throw new InvalidDataException($"raw input is longer than the virtual size {vhd.VirtualSize}");
            }

            int whole = (n + 511) / 512 * 512;
            buffer.AsSpan(n, whole - n).Clear();
            if (buffer.AsSpan(0, whole).ContainsAnyExcept((byte)0))
            {
                vhd.WriteSectors(offset / 512, buffer.AsSpan(0, whole));
            }

            offset += n;
            if (n < buffer.Length)
            {
                break;
            }
        }

        vhd.Flush();
        return vhd.AllocatedBlockCount;
    }

    /// <summary>
    /// Writes a raw image over an existing disk from offset 0 (as XAPI's import_raw_vdi into a VDI). All-zero chunks
    /// are skipped where the disk already reads zeros there cheaply: unallocated blocks of a dynamic leaf. A longer
    /// stream is refused. Returns the bytes consumed.
    /// </summary>
    public static long WriteRaw(Stream raw, VhdDisk disk)
    {
        VhdFile leaf = disk.Leaf;
        int chunk = leaf.BlockSize > 0 ? leaf.BlockSize : ChunkBytes;
        var buffer = new byte[chunk];
        long offset = 0;
        int n;
        while ((n = raw.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false)) > 0)
        {
            if (offset + n > disk.VirtualSize)
            {
                throw new InvalidDataException($"raw input is longer than the virtual size {disk.VirtualSize}");
            }

            bool skippable = leaf.DiskType == Format.VhdDiskType.Dynamic && !leaf.IsBlockAllocated((int)(offset / chunk))
                && !buffer.AsSpan(0, n).ContainsAnyExcept((byte)0);
            if (!skippable)
            {
                disk.Write(offset, buffer.AsSpan(0, n));
            }

            offset += n;
            if (n < buffer.Length)
            {
                break;
            }
        }

        disk.Flush();
        return offset;
    }

    /// <summary>Creates a dynamic VHD from a raw file, sized to the file.</summary>
    public static int ImportRaw(string rawPath, string outputPath, VhdCreateOptions? options = null)
    {
        using FileStream raw = File.OpenRead(rawPath);
        return ImportRaw(raw, raw.Length, outputPath, options);
    }

    /// <summary>Writes the chain whose leaf is <paramref name="leafPath"/> to <paramref name="output"/> as a raw image. Returns bytes written.</summary>
    public static long ExportRaw(string leafPath, Stream output, CancellationToken cancellationToken = default)
    {
        using VhdDisk disk = VhdDisk.Open(leafPath);
        return ExportRaw(disk, output, cancellationToken);
    }

    /// <summary>
    /// Writes an open disk to <paramref name="output"/> as a raw image. Returns bytes written (the virtual size).
    /// Chunks are read on one thread and written on the caller's, so reads overlap writes. Ranges no image of the chain
    /// allocates are never read; when the output is a new file (presized here), they and all-zero chunks are skipped
    /// as holes instead of written. On failure or cancellation the method throws and such a file is cut back to the
    /// bytes actually produced.
    /// </summary>
    public static long ExportRaw(VhdDisk disk, Stream output, CancellationToken cancellationToken = default) =>
        RawExporter.Export(disk, output, ChunkBytes, cancellationToken);
}
