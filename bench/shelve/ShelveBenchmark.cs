using System.Text.Json.Nodes;
using ControlPlane.Bench.Snapshot;

namespace ControlPlane.Bench.Shelve;

/// <summary>
/// Shelve and unshelve on the running stack, as the admin user: the snapshot benchmark's source image (a dynamic VHD whose
/// first <c>--data-mib</c> MiB are random, <c>--disk-gib</c> virtual) is uploaded and booted once; then <c>--repeat</c> times
/// the server is shelved (timed from the POST until SHELVED_OFFLOADED: power off, snapshot, coalesce wait, streamed upload,
/// destroy) and unshelved (timed until ACTIVE: schedule, import of the shelved image, boot, image delete), the server's task
/// states polled every 100 ms. Everything it created is deleted at the end, also when a step fails, with the cached VDIs the
/// source and shelved images left on the simulated hosts.
/// </summary>
public sealed class ShelveBenchmark(SnapshotBenchOptions options, TimeProvider time, TextWriter log)
{
    /// <summary>Command-line usage.</summary>
    public const string Usage =
        "usage: ControlPlane.Bench.Shelve [--repeat 3] [--data-mib 1024] [--disk-gib 2] [--flavor ID|NAME] [--timeout-min 10] [--work DIR] [--api URL] [--image-url URL]";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private readonly List<string> _images = [];
    private readonly List<string> _cachedImages = [];
    private string? _server;

    /// <summary>Runs the benchmark and cleans up.</summary>
    public async Task<ShelveReport> RunAsync()
    {
        var started = time.GetUtcNow();
        var notes = new List<string>();
        var runs = new List<ShelveIteration>();
        using var client = await StackClient.LoginAsync(options);
        var source = SourceImage.Build(options.WorkDirectory, options.DataMiB, options.DiskGiB, log);
        var flavor = "-";
        try
        {
            var imageId = await client.CreateImageRecordAsync("bench-shelve-source-" + Guid.NewGuid().ToString("N")[..8]);
            _images.Add(imageId);
            _cachedImages.Add(imageId);
            await client.UploadImageAsync(imageId, source.TarPath);
            var picked = await PickFlavorAsync(client, source);
            flavor = picked["name"]!.GetValue<string>();
            var name = "bench-shelve-" + Guid.NewGuid().ToString("N")[..8];
            _server = await client.CreateServerAsync(name, imageId, picked["id"]!.GetValue<string>());
            await WaitAsync(client, _server, "ACTIVE", []);
            for (var i = 1; i <= options.Repeat; i++)
            {
                runs.Add(await IterationAsync(client, i, name));
            }
        }
        finally
        {
            await CleanUpAsync(client, notes);
        }
        return new ShelveReport(started, source.VirtualBytes, source.DataBytes, flavor, runs, notes);
    }

    private async Task<ShelveIteration> IterationAsync(StackClient client, int index, string name)
    {
        var server = _server!;
        var shelveTimeline = new List<(double, string)>();
        var unshelveTimeline = new List<(double, string)>();
        try
        {
            var shelve = time.GetTimestamp();
            await client.ServerActionAsync(server, new JsonObject { ["shelve"] = null });
            await WaitAsync(client, server, "SHELVED_OFFLOADED", shelveTimeline);
            var shelveSeconds = time.GetElapsedTime(shelve).TotalSeconds;
            foreach (var shelved in await client.ImageIdsNamedAsync(name + "-shelved"))
            {
                _cachedImages.Add(shelved);
            }

            var unshelve = time.GetTimestamp();
            await client.ServerActionAsync(server, new JsonObject { ["unshelve"] = null });
            await WaitAsync(client, server, "ACTIVE", unshelveTimeline);
            var unshelveSeconds = time.GetElapsedTime(unshelve).TotalSeconds;
            log.WriteLine($"run {index}: shelve {shelveSeconds:F1} s, unshelve {unshelveSeconds:F1} s");
            return new ShelveIteration(index, shelveSeconds, unshelveSeconds, shelveTimeline, unshelveTimeline, null);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or HttpRequestException)
        {
            log.WriteLine($"run {index} failed: {e.Message}");
            return new ShelveIteration(index, null, null, shelveTimeline, unshelveTimeline, e.Message);
        }
    }

    /// <summary>Polls the server until <paramref name="status"/> with no task state, recording each task state change.</summary>
    private async Task WaitAsync(StackClient client, string id, string status, List<(double, string)> timeline)
    {
        var start = time.GetTimestamp();
        var last = "";
        while (time.GetElapsedTime(start) < options.Timeout)
        {
            var server = await client.ServerAsync(id) ?? throw new InvalidOperationException($"server {id} disappeared");
            var task = server["OS-EXT-STS:task_state"]?.GetValue<string>() ?? "none";
            var current = $"{server["status"]!.GetValue<string>()}/{task}";
            if (current != last)
            {
                timeline.Add((time.GetElapsedTime(start).TotalSeconds, current));
                last = current;
            }
            if (server["status"]!.GetValue<string>() == status && task == "none")
            {
                return;
            }
            if (server["status"]!.GetValue<string>() == "ERROR" || (server["fault"] is { } fault && status != "ACTIVE" && task == "none"))
            {
                throw new InvalidOperationException($"server {id} is {current}: {server["fault"]?.ToJsonString()}");
            }
            await Task.Delay(Poll, time);
        }
        throw new TimeoutException($"server {id} not {status} within {options.Timeout} (last {last})");
    }

    private async Task<JsonNode> PickFlavorAsync(StackClient client, SourceImage source)
    {
        var flavors = await client.FlavorsAsync();
        var diskGiB = (int)Math.Ceiling(source.VirtualBytes / (double)(1L << 30));
        var pick = options.Flavor is { } wanted
            ? flavors.FirstOrDefault(f => f!["id"]!.GetValue<string>() == wanted || f["name"]!.GetValue<string>() == wanted)
            : flavors.Where(f => f!["disk"]!.GetValue<int>() >= diskGiB).OrderBy(f => f!["ram"]!.GetValue<int>()).FirstOrDefault();
        return pick ?? throw new InvalidOperationException($"no flavor fits a {diskGiB} GiB root disk (or --flavor {options.Flavor} not found)");
    }

    private async Task CleanUpAsync(StackClient client, List<string> notes)
    {
        if (_server is { } server)
        {
            await TryAsync(notes, $"delete server {server}", async () =>
            {
                await client.DeleteServerAsync(server);
                var start = time.GetTimestamp();
                while (await client.ServerAsync(server) is not null && time.GetElapsedTime(start) < options.Timeout)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), time);
                }
            });
        }
        foreach (var id in _images)
        {
            await TryAsync(notes, $"delete image {id}", () => client.DeleteImageAsync(id));
        }
        foreach (var id in _cachedImages.Distinct())
        {
            await TryAsync(notes, $"remove the cached VDIs of image {id}", async () =>
                log.WriteLine($"cleanup: {await new SimExport(options, time).RemoveImageCacheAsync(id)} cached image VDI(s) of {id} destroyed"));
        }
    }

    private async Task TryAsync(List<string> notes, string what, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TimeoutException or TaskCanceledException)
        {
            notes.Add($"cleanup: {what} failed: {e.Message}");
        }
    }
}
