using System.Text.Json;

namespace ControlPlane.Bench.Api;

/// <summary>Everything one benchmark run measured; printed as a table and saved as JSON.</summary>
public sealed record BenchReport(
    DateTimeOffset StartedAt,
    LatencySeries Baseline,
    IReadOnlyList<LatencySeries> Latencies,
    IReadOnlyList<BootRun> Boots,
    IReadOnlyList<ProcessMemory> IdleMemory,
    IReadOnlyList<ProcessMemory> PostRunMemory)
{
    /// <summary>Nova on the same machine, from the foundation issue (milliseconds, servers/s).</summary>
    private static readonly Dictionary<string, double> NovaMedianMs = new()
    {
        ["GET /flavors"] = 7.5,
        ["GET /servers/detail (20 servers)"] = 72,
    };

    public void Print(TextWriter output)
    {
        output.WriteLine($"baseline GET /healthz: median {Baseline.MedianMs:F2} ms, p99 {Baseline.P99Ms:F2} ms");
        output.WriteLine();
        output.WriteLine($"{"request",-36} {"n",5} {"median ms",10} {"p99 ms",9} {"x healthz",10} {"Nova ms",8} {"Nova/ours",10}");
        foreach (var l in Latencies)
        {
            var nova = NovaMedianMs.TryGetValue(l.Name, out var n) ? n : (double?)null;
            output.WriteLine($"{l.Name,-36} {l.Count,5} {l.MedianMs,10:F2} {l.P99Ms,9:F2} {l.MedianMs / Baseline.MedianMs,10:F1} {(nova is null ? "-" : nova.Value.ToString("F1")),8} {(nova is null ? "-" : (nova.Value / l.MedianMs).ToString("F1")),10}");
        }
        output.WriteLine();
        output.WriteLine($"{"boot batch",-12} {"seconds",8} {"servers/s",10} {"active",7} {"error",6} {"Nova x",7} {"delete s",9}");
        foreach (var b in Boots)
        {
            output.WriteLine($"{b.Servers,-12} {b.Seconds,8:F2} {b.ServersPerSecond,10:F1} {b.Active,7} {b.Error,6} {b.ServersPerSecond / 2.0,7:F1} {b.DeleteSeconds,9:F2}");
        }
        output.WriteLine();
        output.WriteLine($"{"service",-14} {"idle RSS MiB",13} {"post-run RSS MiB",17} {"peak MiB",9}");
        foreach (var idle in IdleMemory)
        {
            var post = PostRunMemory.FirstOrDefault(p => p.Service == idle.Service);
            output.WriteLine($"{idle.Service,-14} {idle.RssKiB / 1024.0,13:F1} {(post?.RssKiB ?? 0) / 1024.0,17:F1} {(post?.PeakRssKiB ?? idle.PeakRssKiB) / 1024.0,9:F1}");
        }
        var total = PostRunMemory.Sum(p => p.RssKiB) / 1024.0;
        output.WriteLine($"{"total",-14} {IdleMemory.Sum(p => p.RssKiB) / 1024.0,13:F1} {total,17:F1}   (Nova: 1.6 GiB)");
    }

    public string WriteJson(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"api-{StartedAt:yyyyMMdd-HHmmss}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }
}
