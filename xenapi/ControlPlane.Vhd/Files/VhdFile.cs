using ControlPlane.Vhd.Errors;
using ControlPlane.Vhd.Format;
using Microsoft.Win32.SafeHandles;

namespace ControlPlane.Vhd.Files;

/// <summary>
/// One VHD file (fixed, dynamic or differencing) opened for reading, or for reading and writing.
/// Reads and writes of a differencing disk's data go through <see cref="Chains.VhdDisk"/>, which follows the parents.
/// Memory held: the BAT (at most 4 MiB) and a few sector bitmaps.
/// </summary>
public sealed partial class VhdFile : IDisposable
{
    internal const uint UnusedEntry = 0xFFFFFFFF;
    private readonly SafeFileHandle handle;
    private uint[] bat;
    private readonly BitmapCache bitmaps;
    private long dataEnd;
    private long footerOffset;
    private long fileLength;
    private long? batmapOffset;

    private VhdFile(string path, SafeFileHandle handle, bool writable, VhdLayout layout)
    {
        Path = path;
        this.handle = handle;
        IsWritable = writable;
        Footer = layout.Footer!;
        Header = layout.Header;
        bat = layout.Bat;
        dataEnd = layout.DataEnd;
        footerOffset = layout.FooterOffset;
        fileLength = layout.FileLength;
        batmapOffset = layout.BatmapOffset;
        bitmaps = new BitmapCache(Header?.BitmapBytes ?? 0);
        AllocatedBlockCount = bat.Count(e => e != UnusedEntry);
    }

    /// <summary>Whether a blktap batmap follows the BAT.</summary>
    public bool HasBatmap => batmapOffset is not null;

    /// <summary>Full path of the file.</summary>
    public string Path { get; }

    public bool IsWritable { get; }

    /// <summary>The footer in effect (the EOF footer, or the copy at offset 0 when the EOF one is damaged).</summary>
    public VhdFooter Footer { get; private set; }

    /// <summary>The dynamic header; null for fixed disks.</summary>
    public VhdDynamicHeader? Header { get; private set; }

    public VhdDiskType DiskType => Footer.DiskType;

    /// <summary>Virtual size in bytes (footer current size).</summary>
    public long VirtualSize => (long)Footer.CurrentSize;

    public Guid UniqueId => Footer.UniqueId;

    /// <summary>blktap's hidden flag (footer byte 85).</summary>
    public bool Hidden => Footer.Hidden;

    /// <summary>Block size in bytes; 0 for fixed disks.</summary>
    public int BlockSize => (int)(Header?.BlockSize ?? 0);

    /// <summary>Number of BAT entries (0 for fixed disks).</summary>
    public int TableEntries => bat.Length;

    /// <summary>Number of allocated blocks (as <c>vhd-util query -a</c>).</summary>
    public int AllocatedBlockCount { get; private set; }

    /// <summary>Bytes used on disk: end of data plus the footer (as <c>vhd-util query -s</c>).</summary>
    public long PhysicalSize => footerOffset + VhdFooter.Size;

    /// <summary>Whether block <paramref name="block"/> has a BAT entry. Fixed disks: always true.</summary>
    public bool IsBlockAllocated(int block)
    {
        if (DiskType == VhdDiskType.Fixed)
        {
            return true;
        }

        return (uint)block < (uint)bat.Length && bat[block] != UnusedEntry;
    }

    /// <summary>Opens and validates a VHD. Throws <see cref="VhdFormatException"/> if it is malformed or hostile.</summary>
    public static VhdFile Open(string path, bool writable = false)
    {
        string full = System.IO.Path.GetFullPath(path);
        SafeFileHandle handle = File.OpenHandle(
            full,
            FileMode.Open,
            writable ? FileAccess.ReadWrite : FileAccess.Read,
            writable ? FileShare.Read : FileShare.ReadWrite | FileShare.Delete);
        try
        {
            VhdLayout layout = VhdLayoutReader.Read(handle, full);
            Checking.VhdProblem? fatal = layout.Problems.Find(p => p.Fatal);
            if (fatal is not null)
            {
                throw new VhdFormatException(fatal.Code, fatal.Message, full);
            }

            return new VhdFile(full, handle, writable, layout);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Flushes written data and metadata to stable storage.</summary>
    public void Flush()
    {
        if (IsWritable)
        {
            RandomAccess.FlushToDisk(handle);
        }
    }

    /// <summary>Starts writing dirty pages back without waiting (see <see cref="EarlyWriteback"/>); durability still needs <see cref="Flush"/>.</summary>
    internal void StartWriteback()
    {
        if (IsWritable)
        {
            EarlyWriteback.Start(handle);
        }
    }

    public void Dispose() => handle.Dispose();

    public override string ToString() => $"{Path} ({DiskType}, {VirtualSize} bytes)";

    private void EnsureWritable()
    {
        if (!IsWritable)
        {
            throw new InvalidOperationException($"{Path} is opened read-only");
        }
    }
}
