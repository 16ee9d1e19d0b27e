using System.Diagnostics;

namespace ControlPlane.Bench.Api;

/// <summary>Sequential latency samples of one request, summarised as median and p99 in milliseconds.</summary>
public sealed record LatencySeries(string Name, int Count, double MedianMs, double P99Ms, double MinMs)
{
    public static async Task<LatencySeries> MeasureAsync(string name, int count, Func<Task> request)
    {
        for (var i = 0; i < Math.Min(20, count); i++)
        {
            await request(); // warm-up: JIT, connection pool, caches
        }
        var samples = new double[count];
        for (var i = 0; i < count; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await request();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        Array.Sort(samples);
        return new LatencySeries(name, count, samples[count / 2], samples[Math.Min(count - 1, (int)Math.Ceiling(count * 0.99) - 1)], samples[0]);
    }
}
