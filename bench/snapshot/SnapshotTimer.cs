namespace ControlPlane.Bench.Snapshot;

/// <summary>
/// Times one createImage: POST at microversion 2.51, then every ~100 ms the image's status (imagestore) and the
/// server's task state, until the image is <c>active</c>, gone or <c>killed</c>, or the deadline passes; meanwhile
/// samples VmRSS of the compute hosting the server, imagestore and that host's XapiSim.
/// </summary>
public sealed class SnapshotTimer(StackClient client, SnapshotBenchOptions options, TimeProvider time)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public async Task<SnapshotMeasurement> MeasureAsync(string serverId, StackHost host, string name, Action<string> created)
    {
        var changes = new List<TaskStateChange>();
        string? lastImage = null, lastTask = null;
        double? toSaving = null;
        await using var sampler = new ProcessSampler(options.RunDirectory, [host.ComputeService, "imagestore", host.SimService], time);
        var start = time.GetTimestamp();
        var imageId = await client.CreateImageAsync(serverId, name);
        created(imageId);
        string outcome;
        System.Text.Json.Nodes.JsonNode? image;
        while (true)
        {
            image = await client.ImageAsync(imageId);
            var elapsed = time.GetElapsedTime(start).TotalSeconds;
            var status = image?["status"]?.GetValue<string>() ?? "gone";
            if (status != lastImage)
            {
                changes.Add(new TaskStateChange("image:" + status, Math.Round(elapsed, 3)));
                lastImage = status;
            }
            if (status == "saving")
            {
                toSaving ??= elapsed;
            }
            if (status is "active" or "gone" or "killed" or "deleted")
            {
                outcome = status;
                break;
            }
            var task = (await client.ServerAsync(serverId))?["OS-EXT-STS:task_state"]?.GetValue<string>() ?? "none";
            if (task != lastTask)
            {
                changes.Add(new TaskStateChange(task, Math.Round(time.GetElapsedTime(start).TotalSeconds, 3)));
                lastTask = task;
            }
            if (time.GetElapsedTime(start) > options.Timeout)
            {
                outcome = "timeout";
                break;
            }
            await Task.Delay(Poll, time);
        }
        var seconds = time.GetElapsedTime(start).TotalSeconds;
        var peaks = await sampler.StopAsync();

        string? error = null;
        if (outcome != "active")
        {
            await WaitTaskClearedAsync(serverId);
            error = $"image {outcome}; " + await client.SnapshotFaultAsync(serverId);
        }
        return new SnapshotMeasurement(imageId, outcome, error, Math.Round(seconds, 3), toSaving is { } t ? Math.Round(t, 3) : null,
            image?["size"]?.GetValue<long>() ?? 0, image?["checksum"]?.GetValue<string>(), changes, peaks, sampler.CpuSeconds, sampler.Samples);
    }

    private async Task WaitTaskClearedAsync(string serverId)
    {
        var start = time.GetTimestamp();
        while (time.GetElapsedTime(start) < TimeSpan.FromSeconds(30))
        {
            var server = await client.ServerAsync(serverId);
            if (server?["OS-EXT-STS:task_state"] is null)
            {
                return;
            }
            await Task.Delay(Poll, time);
        }
    }
}
