using ControlPlane.Vhd.Files;

namespace ControlPlane.Vhd.Chains;

/// <summary>Reads whole sectors through a chain: each run comes from the first image that holds it, else zeros.</summary>
internal static class ChainReader
{
    public static void ReadSectors(IReadOnlyList<VhdFile> chain, int level, long sector, Span<byte> destination)
    {
        VhdFile image = chain[level];
        while (!destination.IsEmpty)
        {
            int wanted = destination.Length / 512;
            int run = image.Probe(sector, wanted, out SectorSource source, out long fileOffset);
            Span<byte> target = destination[..(run * 512)];
            switch (source)
            {
                case SectorSource.Here:
                    image.ReadAt(fileOffset, target);
                    break;
                case SectorSource.Parent when level + 1 < chain.Count:
                    ReadSectors(chain, level + 1, sector, target);
                    break;
                default:
                    target.Clear();
                    break;
            }

            sector += run;
            destination = destination[target.Length..];
        }
    }
}
