using System.Text.Json;

namespace ControlPlane.Bench.Snapshot;

/// <summary>Everything one benchmark run measured, with medians over the repetitions; printed as a table and saved as JSON.</summary>
public sealed record SnapshotReport(
    DateTimeOffset StartedAt,
    int DataMiB,
    int DiskGiB,
    long SourceTarBytes,
    string Flavor,
    bool SameServer,
    int Cpus,
    IReadOnlyList<Iteration> Iterations)
{
    /// <summary>The issue's target for snapshot MB/s over curl-to-sink MB/s.</summary>
    public const double TargetRatio = 0.8;

    public double? MedianSnapshotSeconds => Median(Iterations.Where(i => i.Snapshot.Succeeded).Select(i => (double?)i.Snapshot.Seconds));
    public double? MedianSnapshotMBps => Median(Iterations.Select(i => i.Snapshot.MBps));
    public double? MedianSecondsToSaving => Median(Iterations.Select(i => i.Snapshot.SecondsToSaving));
    public double? MedianPendingUploadSeconds => Median(Iterations.Select(i => i.Snapshot.PendingUploadSeconds));
    public double? MedianUploadMBps => Median(Iterations.Select(i => i.Snapshot.UploadMBps));
    public double? MedianSinkMBps => Median(Iterations.Select(i => (double?)i.SinkSized.MBps));
    public double? MedianSinkChunkedMBps => Median(Iterations.Select(i => (double?)i.SinkChunked.MBps));
    public double? MedianImagestoreMBps => Median(Iterations.Select(i => (double?)i.Imagestore.MBps));
    public double? MedianRatioSink => Median(Iterations.Select(i => i.RatioSink));
    public double? MedianRatioImagestore => Median(Iterations.Select(i => i.RatioImagestore));
    public double? MedianSimExportMBps => Median(Iterations.Select(i => i.SimExport?.MBps));
    public double? PeakComputeRssMiB => Max(Iterations.Select(i => i.Snapshot.PeakRssMiB.GetValueOrDefault(i.ComputeHost)));
    public double? PeakImagestoreRssMiB => Max(Iterations.Select(i => i.Snapshot.PeakRssMiB.GetValueOrDefault("imagestore")));
    public double? PeakSimRssMiB => Max(Iterations.Select(i => i.Snapshot.PeakRssMiB.FirstOrDefault(p => p.Key.StartsWith("xapisim", StringComparison.Ordinal)).Value));

    public const string Header =
        "run host      snap s  to-saving s  coalesce-wait s  image MB  snap MB/s  upload MB/s | sink MB/s  sink-chunked  imagestore MB/s | ratio sink  ratio imgst | RSS MiB compute  imagestore  xapisim";

    public static string Row(Iteration i)
    {
        var s = i.Snapshot;
        double Rss(string prefix) => s.PeakRssMiB.FirstOrDefault(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).Value;
        return $"{i.Index,3} {i.ComputeHost,-9} {F(s.Succeeded ? s.Seconds : null),7} {F(s.SecondsToSaving),12} {F(s.PendingUploadSeconds),16} {s.Bytes / 1e6,9:F1} {F(s.MBps),10} {F(s.UploadMBps),12} | " +
               $"{i.SinkSized.MBps,9:F1} {i.SinkChunked.MBps,13:F1} {i.Imagestore.MBps,16:F1} | {F(i.RatioSink),10} {F(i.RatioImagestore),12} | " +
               $"{Rss("compute"),15:F1} {Rss("imagestore"),11:F1} {Rss("xapisim"),8:F1}" +
               (s.Succeeded ? "" : $"   snapshot {s.Outcome}");
    }

    public void Print(TextWriter output)
    {
        output.WriteLine($"snapshot of a server with a {DataMiB} MiB root chain (random data, {DiskGiB} GiB disk), flavor {Flavor}, " +
                         $"{(SameServer ? "one server snapshotted repeatedly" : "a freshly booted server per run")}, {Cpus} CPUs");
        output.WriteLine(Header);
        foreach (var i in Iterations)
        {
            output.WriteLine(Row(i));
        }
        output.WriteLine($"med {"",-9} {F(MedianSnapshotSeconds),7} {F(MedianSecondsToSaving),12} {F(MedianPendingUploadSeconds),16} {"",9} {F(MedianSnapshotMBps),10} {F(MedianUploadMBps),12} | " +
                         $"{F(MedianSinkMBps),9} {F(MedianSinkChunkedMBps),13} {F(MedianImagestoreMBps),16} | {F(MedianRatioSink),10} {F(MedianRatioImagestore),12} | " +
                         $"{F(PeakComputeRssMiB),15} {F(PeakImagestoreRssMiB),11} {F(PeakSimRssMiB),8}  (RSS: max of peaks)");
        output.WriteLine("CPU seconds during the snapshot (compute / imagestore / xapisim) and imagestore's during curl -> imagestore:");
        foreach (var i in Iterations)
        {
            double Cpu(string prefix) => i.Snapshot.CpuSeconds.FirstOrDefault(p => p.Key.StartsWith(prefix, StringComparison.Ordinal)).Value;
            output.WriteLine($"run {i.Index}: {Cpu("compute"):F2} / {Cpu("imagestore"):F2} / {Cpu("xapisim"):F2}; curl -> sink: sink {i.SinkCpuSeconds:F2}; curl -> imagestore: imagestore {i.ImagestoreCpuSecondsDuringCurl:F2}, peak RSS {i.ImagestorePeakRssMiBDuringCurl:F1} MiB" +
                             (i.SimExport is { } x ? $"; XapiSim export alone: {x.Bytes / 1e6:F1} MB in {x.Seconds:F2} s = {x.MBps:F1} MB/s, {i.SimExportCpuSeconds:F2} CPU s" : ""));
        }
        foreach (var i in Iterations)
        {
            output.WriteLine($"run {i.Index}: {string.Join("; ", i.Notes)}" + (i.Snapshot.Error is { } e ? $"; snapshot error: {e}" : ""));
        }
        output.WriteLine($"median XapiSim export alone: {F(MedianSimExportMBps)} MB/s");
        output.WriteLine(MedianRatioSink is { } r
            ? $"snapshot / curl-to-sink = {r:F2} (target >= {TargetRatio}): {(r >= TargetRatio ? "met" : "NOT met")}"
            : "no snapshot succeeded: " + Iterations.Select(i => i.Snapshot.Error).FirstOrDefault());
        output.WriteLine("MB = 10^6 bytes; snapshot s = createImage POST until the image is active (polled every 100 ms); " +
                         "to-saving = until the upload began; coalesce-wait = time in image_pending_upload; curl figures are curl's time_total on the same bytes.");
    }

    public string WriteJson(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"snapshot-{StartedAt:yyyyMMdd-HHmmss}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(this, new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    private static string F(double? value) => value is { } v ? v.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : "-";

    private static double? Max(IEnumerable<double> values) => values.DefaultIfEmpty().Max() is var m && m > 0 ? m : null;

    private static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.Where(v => v is not null).Select(v => v!.Value).Order().ToArray();
        if (sorted.Length == 0)
        {
            return null;
        }
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
