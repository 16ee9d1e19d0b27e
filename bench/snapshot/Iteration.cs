namespace ControlPlane.Bench.Snapshot;

/// <summary>
/// One repetition: the snapshot, then the baselines on the same bytes (the snapshot image downloaded, or the source
/// tarball when the snapshot failed): curl -T to the discard sink (sized, and chunked) and curl -T chunked into a fresh
/// imagestore image, with imagestore's peak RSS and CPU seconds during that upload; and (diagnostic) the host's XapiSim
/// exporting the server's root disk flattened into curl -o /dev/null, with its CPU seconds.
/// </summary>
public sealed record Iteration(
    int Index,
    string ComputeHost,
    double? BootSeconds,
    SnapshotMeasurement Snapshot,
    string BaselineBytes,
    long BaselineFileBytes,
    CurlUpload SinkSized,
    double SinkCpuSeconds,
    CurlUpload SinkChunked,
    CurlUpload Imagestore,
    double ImagestorePeakRssMiBDuringCurl,
    double ImagestoreCpuSecondsDuringCurl,
    CurlUpload? SimExport,
    double? SimExportCpuSeconds,
    IReadOnlyList<string> Notes)
{
    /// <summary>Snapshot MB/s over curl-to-sink MB/s (the target: at least 0.8).</summary>
    public double? RatioSink => Snapshot.MBps / SinkSized.MBps;

    public double? RatioSinkChunked => Snapshot.MBps / SinkChunked.MBps;

    public double? RatioImagestore => Snapshot.MBps / Imagestore.MBps;
}
