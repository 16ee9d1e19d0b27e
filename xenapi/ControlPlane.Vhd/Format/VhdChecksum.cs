namespace ControlPlane.Vhd.Format;

/// <summary>The VHD checksum: one's complement of the byte sum, with the checksum field itself read as zero.</summary>
public static class VhdChecksum
{
    public static uint Compute(ReadOnlySpan<byte> bytes, int checksumOffset)
    {
        uint sum = 0;
        for (int i = 0; i < bytes.Length; i++)
        {
            if (i >= checksumOffset && i < checksumOffset + 4)
            {
                continue;
            }

            sum += bytes[i];
        }

        return ~sum;
    }

    /// <summary>Checksum of a whole buffer (used for the blktap batmap).</summary>
    public static uint Compute(ReadOnlySpan<byte> bytes) => Compute(bytes, -4);
}
