using System.Globalization;
using System.Text.Json;

namespace ControlPlane.Bench.Resize;

/// <summary>The run's figures: the resize and the plain transfers (MB = 10^6 bytes); ratio = resize MB/s over the faster plain MB/s.</summary>
internal sealed record ResizeReport(int DataMiB, int DiskGiB, DateTimeOffset At, ResizeReport.Phase Resize, IReadOnlyList<ResizeReport.Phase> Plain)
{
    /// <summary>Resize MB/s over the faster plain transfer's MB/s.</summary>
    public double Ratio => Resize.MBps / Plain.Max(p => p.MBps);

    public void Print(TextWriter output)
    {
        output.WriteLine($"cross-host resize, {DataMiB} MiB of random data in a {DiskGiB} GiB root chain, two in-process XapiSim hosts");
        output.WriteLine($"{"what",-36} {"bytes",14} {"seconds",8} {"MB/s",8} {"peak RSS MiB",13}");
        foreach (var p in Plain.Prepend(Resize))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{p.Name,-36} {p.Bytes,14} {p.Seconds,8:F2} {p.MBps,8:F1} {p.PeakRssMiB,13}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio (resize / faster plain): {Ratio:F2}  (aim: 0.8 or better)"));
        output.WriteLine("resize steps: " + string.Join(", ", Resize.Steps.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Step} at {s.Seconds:F2} s"))));
        output.WriteLine("disks sent (bytes): " + string.Join(", ", Resize.Disks));
    }

    /// <summary>Writes <c>resize-&lt;timestamp&gt;.json</c> into <paramref name="directory"/>; returns its path.</summary>
    public string WriteJson(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"resize-{At:yyyyMMdd-HHmmss}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            DataMiB,
            DiskGiB,
            At,
            Ratio,
            Resize = Shape(Resize),
            Plain = Plain.Select(Shape),
        }, new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    private static object Shape(Phase p) => new
    {
        p.Name,
        p.Bytes,
        p.Seconds,
        p.MBps,
        p.PeakRssMiB,
        Steps = p.Steps.Select(s => new { s.Step, s.Seconds }),
        p.Disks,
    };

    /// <summary>One measured transfer.</summary>
    internal sealed record Phase(string Name, long Bytes, double Seconds, long PeakRssMiB, IReadOnlyList<(string Step, double Seconds)> Steps, long[] Disks)
    {
        public double MBps => Bytes / 1e6 / Seconds;
    }
}
