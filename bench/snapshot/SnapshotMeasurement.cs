namespace ControlPlane.Bench.Snapshot;

/// <summary>
/// One timed createImage: from the POST to the image's <c>active</c> (or its failure). <see cref="SecondsToSaving"/> is when the
/// image was first seen <c>saving</c> (the upload began; before it: VDI.snapshot and the wait for coalesce), the rest is the upload.
/// Task-state transitions are the server's, as polled (every ~100 ms) with the seconds since the POST. CPU seconds: what
/// each service (hosting compute, imagestore, the host's XapiSim) used from the POST to the end.
/// </summary>
public sealed record SnapshotMeasurement(
    string ImageId,
    string Outcome,
    string? Error,
    double Seconds,
    double? SecondsToSaving,
    long Bytes,
    string? Checksum,
    IReadOnlyList<TaskStateChange> TaskStates,
    IReadOnlyDictionary<string, double> PeakRssMiB,
    IReadOnlyDictionary<string, double> CpuSeconds,
    int RssSamples)
{
    public bool Succeeded => Outcome == "active";

    public double? MBps => Succeeded ? Bytes / 1e6 / Seconds : null;

    public double? UploadSeconds => Succeeded && SecondsToSaving is { } s ? Seconds - s : null;

    public double? UploadMBps => UploadSeconds is { } u && u > 0 ? Bytes / 1e6 / u : null;

    /// <summary>Seconds in task state image_pending_upload (the driver's wait for coalesce), when both ends were seen.</summary>
    public double? PendingUploadSeconds =>
        At("image_pending_upload") is { } from && At("image_uploading") is { } to ? Math.Round(to - from, 3) : null;

    private double? At(string state) => TaskStates.FirstOrDefault(t => t.State == state)?.AtSeconds;
}
