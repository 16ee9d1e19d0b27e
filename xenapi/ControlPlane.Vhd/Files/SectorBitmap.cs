namespace ControlPlane.Vhd.Files;

/// <summary>MSB-first sector bitmap helpers: the bit for sector s is in byte s/8 under mask 0x80 >> (s % 8).</summary>
internal static class SectorBitmap
{
    public static bool Test(ReadOnlySpan<byte> bitmap, int sector) => (bitmap[sector >> 3] & (0x80 >> (sector & 7))) != 0;

    /// <summary>Length of the run of sectors starting at <paramref name="start"/> (at most <paramref name="max"/>) whose bits equal <paramref name="value"/>.</summary>
    public static int RunLength(ReadOnlySpan<byte> bitmap, int start, int max, bool value)
    {
        byte full = value ? (byte)0xFF : (byte)0x00;
        int s = start;
        int end = start + max;
        while (s < end)
        {
            if ((s & 7) == 0 && end - s >= 8 && bitmap[s >> 3] == full)
            {
                s += 8;
                continue;
            }

            if (Test(bitmap, s) != value)
            {
                break;
            }

            s++;
        }

        return s - start;
    }

    /// <summary>Sets <paramref name="count"/> bits from <paramref name="start"/>; returns whether any bit changed.</summary>
    public static bool Set(Span<byte> bitmap, int start, int count)
    {
        bool changed = false;
        int s = start;
        int end = start + count;
        while (s < end)
        {
            if ((s & 7) == 0 && end - s >= 8)
            {
                changed |= bitmap[s >> 3] != 0xFF;
                bitmap[s >> 3] = 0xFF;
                s += 8;
                continue;
            }

            byte mask = (byte)(0x80 >> (s & 7));
            changed |= (bitmap[s >> 3] & mask) == 0;
            bitmap[s >> 3] |= mask;
            s++;
        }

        return changed;
    }
}
