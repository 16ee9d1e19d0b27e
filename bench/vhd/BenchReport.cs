using System.Globalization;
using System.Text.Json;

namespace ControlPlane.Bench.Vhd;

/// <summary>All measurements of one run, the verification results, a printed table and the JSON file.</summary>
public sealed class BenchReport(DateTimeOffset startedAt, int seed, int processors, string qemuVersion)
{
    private readonly List<Measurement> measurements = [];
    private readonly List<(long Size, string Check, bool Passed)> checks = [];

    public void Add(Measurement m) => measurements.Add(m);

    public void Verify(long size, string check, bool passed)
    {
        checks.Add((size, check, passed));
        if (!passed)
        {
            throw new InvalidOperationException($"verification failed at {size >> 20} MiB: {check}");
        }
    }

    public void Print(TextWriter o)
    {
        o.WriteLine($"VHD benchmark {startedAt:u}  seed {seed}  cpus {processors}  {qemuVersion}");
        o.WriteLine("(page cache warm for every tool; `sync` before each run; each run a separate process; wall-clock incl. start-up; median of the repetitions)");
        o.WriteLine();
        o.WriteLine("durable = output fsynced before the tool exits; ours/this = our MB/s over this row's MB/s, same durability");
        o.WriteLine();
        o.WriteLine("in-process s = our operation without the .NET start-up (ours only; the ratios use the wall clock)");
        o.WriteLine();
        o.WriteLine($"{"size",6} | {"task",-30} | {"tool",-14} | {"durable",7} | {"MB/s",8} | {"s",7} | {"in-process s",12} | {"peak RSS MiB",12} | {"ours/this",9}");
        o.WriteLine(new string('-', 127));
        foreach (Measurement m in measurements)
        {
            Measurement? ours = OursFor(m);
            string ratio = ours is null ? "" : (ours.MegabytesPerSecond / m.MegabytesPerSecond).ToString("F2", CultureInfo.InvariantCulture);
            string rss = m.PeakRssKiB is { } k ? (k / 1024.0).ToString("F1", CultureInfo.InvariantCulture) : "n/a";
            string inProcess = m.InProcessSeconds is { } p ? p.ToString("F2", CultureInfo.InvariantCulture) : "";
            o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{m.DiskSize >> 20,5}M | {m.Task,-30} | {m.Tool,-14} | {(m.Durable ? "yes" : "no"),7} | {m.MegabytesPerSecond,8:F1} | {m.Seconds,7:F2} | {inProcess,12} | {rss,12} | {ratio,9}"));
        }

        o.WriteLine();
        foreach ((long size, string check, bool passed) in checks)
        {
            o.WriteLine($"{size >> 20,5}M check: {check}: {(passed ? "ok" : "FAILED")}");
        }
    }

    public string WriteJson(string directory)
    {
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, $"vhd-{startedAt:yyyyMMdd-HHmmss}.json");
        var document = new
        {
            startedAt,
            seed,
            processors,
            qemuVersion,
            measurements = measurements.Select(m => new
            {
                diskSizeBytes = m.DiskSize,
                task = m.Task,
                tool = m.Tool,
                durable = m.Durable,
                bytes = m.Bytes,
                seconds = m.Seconds,
                sampleSeconds = m.SampleSeconds,
                inProcessSeconds = m.InProcessSeconds,
                megabytesPerSecond = m.MegabytesPerSecond,
                peakRssKiB = m.PeakRssKiB,
                oursThroughputRatio = OursFor(m) is { } ours ? ours.MegabytesPerSecond / m.MegabytesPerSecond : (double?)null,
            }),
            checks = checks.Select(c => new { diskSizeBytes = c.Size, check = c.Check, passed = c.Passed }),
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    private Measurement? OursFor(Measurement m) =>
        m.Tool == VhdBenchmark.Ours ? null : measurements.Find(x => x.DiskSize == m.DiskSize && x.Task == m.Task && x.Durable == m.Durable && x.Tool == VhdBenchmark.Ours);
}
