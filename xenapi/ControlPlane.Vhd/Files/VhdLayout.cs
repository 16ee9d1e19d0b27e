using ControlPlane.Vhd.Checking;
using ControlPlane.Vhd.Format;

namespace ControlPlane.Vhd.Files;

/// <summary>What <see cref="VhdLayoutReader"/> learned about one file: metadata, BAT, extents and problems.</summary>
internal sealed class VhdLayout
{
    public required string Path { get; init; }
    public required long FileLength { get; init; }
    public List<VhdProblem> Problems { get; } = [];
    public VhdFooter? Footer { get; set; }
    public VhdDynamicHeader? Header { get; set; }
    public uint[] Bat { get; set; } = [];
    /// <summary>Where the EOF footer starts.</summary>
    public long FooterOffset { get; set; }
    /// <summary>First byte after all metadata and blocks (where a new block may go).</summary>
    public long DataEnd { get; set; }
    /// <summary>Offset of a blktap batmap header, when one is present.</summary>
    public long? BatmapOffset { get; set; }
    /// <summary>Metadata extents (start, end, name) other than blocks.</summary>
    public List<(long Start, long End, string Name)> MetadataExtents { get; } = [];

    public bool HasFatal => Problems.Exists(p => p.Fatal);

    public void Add(Errors.VhdErrorCode code, string message, bool fatal)
    {
        // NOTE(vhd): a hostile file could yield one problem per BAT entry; cap the list.
        if (Problems.Count < 200)
        {
            Problems.Add(new VhdProblem(code, Path, message, fatal));
        }
    }
}
