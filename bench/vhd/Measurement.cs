namespace ControlPlane.Bench.Vhd;

/// <summary>One timed operation: what, on how many bytes, how long, and the peak RSS of the process that did it.</summary>
/// <param name="Durable">Whether the output was flushed to stable storage (fsync) before the operation ended.</param>
public sealed record Measurement(long DiskSize, string Task, string Tool, bool Durable, long Bytes, double Seconds, long? PeakRssKiB)
{
    public double MegabytesPerSecond => Bytes / 1048576.0 / Seconds;
}
