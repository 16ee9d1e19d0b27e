using System.Text.Json.Nodes;

namespace ControlPlane.Bench.Snapshot;

/// <summary>
/// Runs the snapshot benchmark against the running stack as admin: builds and uploads the source image, boots one
/// server from it, then <c>Repeat</c> times: wait until the stack is quiet, time createImage, download the snapshot and
/// run the baselines on those bytes. Every server and image it created is deleted at the end, also on failure.
/// </summary>
public sealed class SnapshotBenchmark(SnapshotBenchOptions options, TimeProvider time, TextWriter log)
{
    private static readonly TimeSpan QuietDeadline = TimeSpan.FromMinutes(2);
    private readonly HashSet<string> _servers = [];
    private readonly HashSet<string> _images = [];
    private string? _sourceImage;

    public async Task<SnapshotReport> RunAsync()
    {
        var started = time.GetUtcNow();
        var tag = "bench-snap-" + Guid.NewGuid().ToString("N")[..6];
        var source = SourceImage.Build(options.WorkDirectory, options.DataMiB, options.DiskGiB, log);
        await using var sink = await DiscardSink.StartAsync();
        using var client = await StackClient.LoginAsync(options);
        using var sims = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            var flavor = await PickFlavorAsync(client, source);
            log.WriteLine($"flavor {flavor["name"]} ({flavor["id"]}): {flavor["ram"]} MiB RAM, {flavor["disk"]} GiB root");

            var sourceId = await client.CreateImageRecordAsync(tag + "-source");
            _images.Add(sourceId);
            _sourceImage = sourceId;
            var uploadStart = time.GetTimestamp();
            await client.UploadImageAsync(sourceId, source.TarPath);
            log.WriteLine($"source image {sourceId} uploaded in {time.GetElapsedTime(uploadStart).TotalSeconds:F1} s");

            var iterations = new List<Iteration>();
            (string Id, StackHost Host)? server = null;
            for (var i = 1; i <= options.Repeat; i++)
            {
                double? bootSeconds = null;
                if (server is null || !options.SameServer)
                {
                    if (server is { } previous)
                    {
                        await DeleteServerAsync(client, previous.Id);
                    }
                    var bootStart = time.GetTimestamp();
                    server = await BootAsync(client, $"{tag}-{i}", sourceId, flavor["id"]!.GetValue<string>());
                    bootSeconds = Math.Round(time.GetElapsedTime(bootStart).TotalSeconds, 2);
                    log.WriteLine($"server {server.Value.Id} ACTIVE on {server.Value.Host.ComputeService} in {bootSeconds:F1} s");
                }
                iterations.Add(await IterationAsync(i, bootSeconds, client, sink, sims, server.Value.Host, server.Value.Id, source, tag));
                log.WriteLine(SnapshotReport.Row(iterations[^1]));
            }
            return new SnapshotReport(started, options.DataMiB, options.DiskGiB, source.TarBytes, flavor["name"]!.GetValue<string>(),
                options.SameServer, Environment.ProcessorCount, iterations);
        }
        finally
        {
            await CleanUpAsync(client);
            if (!options.Keep)
            {
                Directory.Delete(options.WorkDirectory, recursive: true);
            }
        }
    }

    private async Task<(string Id, StackHost Host)> BootAsync(StackClient client, string name, string imageId, string flavorId)
    {
        var id = await client.CreateServerAsync(name, imageId, flavorId);
        _servers.Add(id);
        var server = await WaitServerAsync(client, id);
        return (id, StackHost.FromComputeHost(server["OS-EXT-SRV-ATTR:host"]!.GetValue<string>()));
    }

    private async Task DeleteServerAsync(StackClient client, string id)
    {
        await client.DeleteServerAsync(id);
        var start = time.GetTimestamp();
        while (await client.ServerAsync(id) is not null)
        {
            if (time.GetElapsedTime(start) > options.Timeout)
            {
                throw new TimeoutException($"server {id} not deleted within {options.Timeout}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), time);
        }
        _servers.Remove(id);
    }

    private async Task<Iteration> IterationAsync(int index, double? bootSeconds, StackClient client, DiscardSink sink, HttpClient sims, StackHost host,
        string serverId, SourceImage source, string tag)
    {
        var notes = new List<string>();
        await QuietAsync(host, sims, notes, "before the snapshot");
        var snapshot = await new SnapshotTimer(client, options, time).MeasureAsync(serverId, host, $"{tag}-snap{index}", id => _images.Add(id));
        string file = source.TarPath, what = "source image (the snapshot failed)", md5;
        if (snapshot.Succeeded)
        {
            file = Path.Combine(options.WorkDirectory, $"snapshot-{index}.tar");
            var bytes = await client.DownloadImageAsync(snapshot.ImageId, file);
            md5 = Baselines.Md5Of(file);
            if (bytes != snapshot.Bytes || md5 != snapshot.Checksum)
            {
                throw new InvalidOperationException($"snapshot {snapshot.ImageId} downloads as {bytes} bytes, MD5 {md5}; the image says {snapshot.Bytes}, {snapshot.Checksum}");
            }
            what = "snapshot image (downloaded)";
        }
        else
        {
            log.WriteLine($"snapshot {index} failed: {snapshot.Error}");
            md5 = Baselines.Md5Of(file);
        }

        var fileBytes = new FileInfo(file).Length;
        await QuietAsync(host, sims, notes, "before the baselines");
        var (sized, chunked, store, storePeak, storeCpu, sinkCpu) = await new Baselines(client, sink, options, time)
            .RunAsync(file, md5, $"{tag}-curl{index}", id => _images.Add(id), id => _images.Remove(id));
        CurlUpload? export = null;
        double? exportCpu = null;
        try
        {
            await QuietAsync(host, sims, notes, "before the XapiSim export");
            (export, exportCpu) = await new SimExport(options, time).RunAsync(host, serverId);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
        {
            notes.Add("XapiSim export diagnostic failed: " + e.Message);
        }
        if (snapshot.Succeeded)
        {
            File.Delete(file);
            await client.DeleteImageAsync(snapshot.ImageId);
            _images.Remove(snapshot.ImageId);
        }
        return new Iteration(index, host.ComputeService, bootSeconds, snapshot, what, fileBytes, sized, sinkCpu, chunked, store, storePeak, storeCpu, export, exportCpu, notes);
    }

    private async Task QuietAsync(StackHost host, HttpClient sims, List<string> notes, string when)
    {
        var waited = await host.WaitQuietAsync(sims, options.RunDirectory, QuietDeadline, time);
        var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        notes.Add((waited is { } s ? $"quiet after {s:F1} s {when}" : $"not quiet within {QuietDeadline.TotalSeconds} s {when}") + $", load average {load}");
    }

    private async Task<JsonNode> PickFlavorAsync(StackClient client, SourceImage source)
    {
        var flavors = await client.FlavorsAsync();
        var diskGiB = (int)Math.Ceiling(source.VirtualBytes / (double)(1L << 30));
        var pick = options.Flavor is { } wanted
            ? flavors.FirstOrDefault(f => f!["id"]!.GetValue<string>() == wanted || f["name"]!.GetValue<string>() == wanted)
            : flavors.Where(f => f!["disk"]!.GetValue<int>() >= diskGiB).OrderBy(f => f!["ram"]!.GetValue<int>()).ThenBy(f => f!["disk"]!.GetValue<int>()).FirstOrDefault();
        return pick ?? throw new InvalidOperationException(options.Flavor is null
            ? $"no flavor has a root disk of {diskGiB} GiB or more: create one (openstack flavor create --disk {diskGiB} ...) or pass --flavor"
            : $"flavor {options.Flavor} not found");
    }

    private async Task<JsonNode> WaitServerAsync(StackClient client, string id)
    {
        var start = time.GetTimestamp();
        while (time.GetElapsedTime(start) < options.Timeout)
        {
            var server = await client.ServerAsync(id) ?? throw new InvalidOperationException($"server {id} disappeared while building");
            switch (server["status"]!.GetValue<string>())
            {
                case "ACTIVE":
                    return server;
                case "ERROR":
                    throw new InvalidOperationException($"server {id} went to ERROR: {server["fault"]?.ToJsonString()}");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(250), time);
        }
        throw new TimeoutException($"server {id} not ACTIVE within {options.Timeout}");
    }

    private async Task CleanUpAsync(StackClient client)
    {
        foreach (var id in _servers.ToArray())
        {
            await TryAsync($"delete server {id}", () => DeleteServerAsync(client, id));
        }
        foreach (var id in _images)
        {
            await TryAsync($"delete image {id}", () => client.DeleteImageAsync(id));
        }
        if (_sourceImage is { } source && _servers.Count == 0)
        {
            await TryAsync($"remove the cached VDIs of image {source}", async () =>
                log.WriteLine($"cleanup: {await new SimExport(options, time).RemoveImageCacheAsync(source)} cached image VDI(s) of {source} destroyed"));
        }
    }

    private async Task TryAsync(string what, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TimeoutException or TaskCanceledException)
        {
            log.WriteLine($"cleanup: {what} failed: {e.Message}");
        }
    }
}
