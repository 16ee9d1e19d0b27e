using ControlPlane.Vhd.Chains;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Format;

namespace ControlPlane.VhdTool.Commands;

/// <summary><c>vhd info FILE</c>: every footer and header field, then the chain.</summary>
internal static class InfoCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        var (_, _, positional) = Arguments.Parse(args, [], []);
        Arguments.Expect(positional, 1, "info FILE");
        using (VhdFile file = VhdFile.Open(positional[0]))
        {
            PrintFooter(file, output);
            if (file.Header is { } header)
            {
                PrintHeader(file, header, output);
            }
        }

        using VhdDisk disk = VhdDisk.Open(positional[0]);
        output.WriteLine("chain (leaf first):");
        for (int i = 0; i < disk.Chain.Count; i++)
        {
            VhdFile f = disk.Chain[i];
            output.WriteLine($"  {i}: {f.Path} {f.DiskType.ToString().ToLowerInvariant()} uuid={f.UniqueId} size={f.VirtualSize} hidden={(f.Hidden ? 1 : 0)}");
        }

        return CommandLine.Ok;
    }

    private static void PrintFooter(VhdFile file, TextWriter o)
    {
        VhdFooter f = file.Footer;
        o.WriteLine($"file:                {file.Path}");
        o.WriteLine($"physical size:       {file.PhysicalSize}");
        o.WriteLine("footer:");
        o.WriteLine($"  features:          0x{f.Features:x8}");
        o.WriteLine($"  format version:    0x{f.FormatVersion:x8}");
        o.WriteLine($"  data offset:       0x{f.DataOffset:x16}");
        o.WriteLine($"  timestamp:         {f.Timestamp} ({f.TimestampUtc:u})");
        o.WriteLine($"  creator app:       '{f.CreatorApplication.Replace("\0", "\\0")}'");
        o.WriteLine($"  creator version:   {f.CreatorVersion >> 16}.{f.CreatorVersion & 0xFFFF}");
        o.WriteLine($"  creator host os:   0x{f.CreatorHostOs:x8}");
        o.WriteLine($"  original size:     {f.OriginalSize}");
        o.WriteLine($"  current size:      {f.CurrentSize}");
        o.WriteLine($"  geometry (C/H/S):  {f.Geometry.Cylinders}/{f.Geometry.Heads}/{f.Geometry.SectorsPerTrack}");
        o.WriteLine($"  disk type:         {(uint)f.DiskType} ({f.DiskType.ToString().ToLowerInvariant()})");
        o.WriteLine($"  checksum:          0x{f.Checksum:x8}");
        o.WriteLine($"  unique id:         {f.UniqueId}");
        o.WriteLine($"  saved state:       {(f.SavedState ? 1 : 0)}");
        o.WriteLine($"  hidden:            {(f.Hidden ? 1 : 0)}");
    }

    private static void PrintHeader(VhdFile file, VhdDynamicHeader h, TextWriter o)
    {
        o.WriteLine("dynamic header:");
        o.WriteLine($"  table offset:      {h.TableOffset}");
        o.WriteLine($"  header version:    0x{h.HeaderVersion:x8}");
        o.WriteLine($"  max table entries: {h.MaxTableEntries}");
        o.WriteLine($"  block size:        {h.BlockSize}");
        o.WriteLine($"  checksum:          0x{h.Checksum:x8}");
        o.WriteLine($"  allocated blocks:  {file.AllocatedBlockCount}");
        o.WriteLine($"  batmap:            {(file.HasBatmap ? "yes" : "no")}");
        if (file.DiskType != VhdDiskType.Differencing)
        {
            return;
        }

        o.WriteLine($"  parent unique id:  {h.ParentUniqueId}");
        o.WriteLine($"  parent timestamp:  {h.ParentTimestamp} ({VhdTimestamp.ToDateTime(h.ParentTimestamp):u})");
        o.WriteLine($"  parent name:       {h.ParentUnicodeName}");
        for (int i = 0; i < h.ParentLocators.Count; i++)
        {
            VhdParentLocator l = h.ParentLocators[i];
            if (!l.IsEmpty)
            {
                o.WriteLine($"  locator {i}:         {l.PlatformCode} space={l.DataSpace} length={l.DataLength} offset={l.DataOffset}");
            }
        }

        o.WriteLine($"  locator paths:     {string.Join(", ", file.ParentLocatorPaths)}");
    }
}
