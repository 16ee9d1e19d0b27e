namespace ControlPlane.Bench.Vhd;

/// <summary>One timed operation: what, on how many bytes, how long, and the peak RSS of the process that did it.</summary>
/// <param name="Durable">Whether the output was flushed to stable storage (fsync) before the operation ended.</param>
public sealed record Measurement(long DiskSize, string Task, string Tool, bool Durable, long Bytes, double Seconds, long? PeakRssKiB)
{
    /// <summary>Seconds of every repetition; <see cref="Seconds"/> is their median.</summary>
    public IReadOnlyList<double> SampleSeconds { get; init; } = [];

    /// <summary>Our runs only: seconds inside the operation process, without the .NET start-up (the median run's).</summary>
    public double? InProcessSeconds { get; init; }

    public double MegabytesPerSecond => Bytes / 1048576.0 / Seconds;

    /// <summary>The median-time run of <paramref name="runs"/>, carrying all their times and the highest peak RSS.</summary>
    public static Measurement Median(IReadOnlyList<Measurement> runs)
    {
        var ordered = runs.OrderBy(r => r.Seconds).ToList();
        Measurement median = ordered[ordered.Count / 2];
        return median with
        {
            SampleSeconds = runs.Select(r => r.Seconds).ToArray(),
            PeakRssKiB = runs.Max(r => r.PeakRssKiB),
        };
    }
}
