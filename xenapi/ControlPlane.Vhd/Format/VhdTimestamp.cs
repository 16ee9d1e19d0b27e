namespace ControlPlane.Vhd.Format;

/// <summary>VHD timestamps: unsigned seconds since 2000-01-01T00:00:00Z.</summary>
public static class VhdTimestamp
{
    /// <summary>The VHD epoch.</summary>
    public static readonly DateTimeOffset Epoch = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset ToDateTime(uint seconds) => Epoch.AddSeconds(seconds);

    /// <summary>Seconds since the VHD epoch, clamped to the uint range.</summary>
    public static uint FromDateTime(DateTimeOffset time)
    {
        double seconds = Math.Floor((time - Epoch).TotalSeconds);
        return seconds <= 0 ? 0u : seconds >= uint.MaxValue ? uint.MaxValue : (uint)seconds;
    }
}
