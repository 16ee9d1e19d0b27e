using System.Security.Cryptography;

namespace ControlPlane.Bench.Snapshot;

/// <summary>
/// The baselines of one repetition, on one file: <c>curl -T</c> to the discard sink (sized, then chunked), and
/// <c>curl -T</c> chunked (as the compute sends a snapshot) into a fresh imagestore image, which must end active
/// with the file's size and MD5; that image is deleted afterwards. The sink's CPU seconds are this process's during the sized upload.
/// </summary>
public sealed class Baselines(StackClient client, DiscardSink sink, SnapshotBenchOptions options, TimeProvider time)
{
    public async Task<(CurlUpload Sized, CurlUpload Chunked, CurlUpload Imagestore, double ImagestorePeakMiB, double ImagestoreCpuSeconds, double SinkCpuSeconds)> RunAsync(
        string file, string md5, string name, Action<string> created, Action<string> deleted)
    {
        Sync();
        var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var sized = await CurlUpload.RunAsync("sink", file, sink.Url + "/sink", chunked: false, token: null, options.Timeout);
        var sinkCpu = Math.Round((System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds, 2);
        Sync();
        var chunked = await CurlUpload.RunAsync("sink", file, sink.Url + "/sink", chunked: true, token: null, options.Timeout);

        var imageId = await client.CreateImageRecordAsync(name);
        created(imageId);
        Sync();
        CurlUpload store;
        IReadOnlyDictionary<string, double> peaks;
        double cpu;
        await using (var sampler = new ProcessSampler(options.RunDirectory, ["imagestore"], time))
        {
            store = await CurlUpload.RunAsync("imagestore", file, $"{client.ImageUrl}/v2/images/{imageId}/file", chunked: true, client.Token, options.Timeout);
            peaks = await sampler.StopAsync();
            cpu = sampler.CpuSeconds["imagestore"];
        }
        var image = await client.ImageAsync(imageId);
        var status = image?["status"]?.GetValue<string>();
        var size = image?["size"]?.GetValue<long>();
        var checksum = image?["checksum"]?.GetValue<string>();
        if (status != "active" || size != new FileInfo(file).Length || checksum != md5)
        {
            throw new InvalidOperationException($"the imagestore baseline image {imageId} is {status}, {size} bytes, MD5 {checksum}: expected active, {new FileInfo(file).Length}, {md5}");
        }
        await client.DeleteImageAsync(imageId);
        deleted(imageId);
        return (sized, chunked, store, peaks["imagestore"], cpu, sinkCpu);
    }

    public static string Md5Of(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(MD5.HashData(stream));
    }

    /// <summary>Flushes dirty pages first, so one step's writeback does not land in the next one's time.</summary>
    public static void Sync()
    {
        using var process = System.Diagnostics.Process.Start("sync") ?? throw new InvalidOperationException("cannot run sync");
        process.WaitForExit();
    }
}
