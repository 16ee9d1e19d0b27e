namespace ControlPlane.Bench.Hardening;

/// <summary>Latency samples (milliseconds) summarised as median and p99.</summary>
public sealed record Samples(string Name, int Count, double MedianMs, double P99Ms)
{
    /// <summary>Summarises <paramref name="ms"/>.</summary>
    public static Samples Of(string name, IReadOnlyCollection<double> ms)
    {
        var sorted = ms.Order().ToArray();
        return new Samples(name, sorted.Length,
            sorted.Length == 0 ? 0 : sorted[sorted.Length / 2],
            sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(sorted.Length * 0.99) - 1)]);
    }
}
