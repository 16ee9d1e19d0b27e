namespace ControlPlane.Vhd.Format;

/// <summary>CHS geometry stored in the footer, computed from the size by the VHD specification's algorithm.</summary>
public readonly record struct VhdGeometry(ushort Cylinders, byte Heads, byte SectorsPerTrack)
{
    /// <summary>The 32-bit footer encoding: cylinders (16 bits), heads (8), sectors per track (8).</summary>
    public uint Encoded => ((uint)Cylinders << 16) | ((uint)Heads << 8) | SectorsPerTrack;

    /// <summary>Cylinders × heads × sectors per track.</summary>
    public long TotalSectors => (long)Cylinders * Heads * SectorsPerTrack;

    public static VhdGeometry Decode(uint encoded) =>
        new((ushort)(encoded >> 16), (byte)(encoded >> 8), (byte)encoded);

    /// <summary>Geometry for a disk of <paramref name="sizeBytes"/> bytes (MSVHD appendix / libvhd vhd_chs).</summary>
    public static VhdGeometry FromSize(long sizeBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sizeBytes);
        long total = Math.Max(1, (sizeBytes + 511) / 512);
        total = Math.Min(total, 65535L * 16 * 255);
        long spt, heads, cth;
        if (total >= 65535L * 16 * 63)
        {
            spt = 255;
            heads = 16;
            cth = total / spt;
        }
        else
        {
            spt = 17;
            cth = total / spt;
            heads = Math.Max(4, (cth + 1023) / 1024);
            if (cth >= heads * 1024 || heads > 16)
            {
                spt = 31;
                heads = 16;
                cth = total / spt;
            }

            if (cth >= heads * 1024)
            {
                spt = 63;
                heads = 16;
                cth = total / spt;
            }
        }

        return new VhdGeometry((ushort)(cth / heads), (byte)heads, (byte)spt);
    }
}
