using System.Diagnostics;
using ControlPlane.Compute.DriverConformance;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.XenApi;
using ControlPlane.Compute.Virt.XenApi.Options;
using ControlPlane.XenApi.Http;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using Microsoft.Extensions.Logging.Abstractions;

namespace ControlPlane.Bench.Resize;

/// <summary>
/// One run: image built, two simulators and two drivers started, an instance spawned on the source; then the plain
/// transfer (the cached image's VHD exported from the source simulator straight into a new VDI on the destination),
/// the resize (MigrateDiskAndPowerOff through a <see cref="PipeMigrationSink"/>, then FinishMigration), and the plain
/// transfer again; confirm; everything removed.
/// </summary>
internal sealed class ResizeBenchmark(ResizeBenchOptions options, TextWriter log, TimeProvider timeProvider)
{
    public async Task<ResizeReport> RunAsync()
    {
        try
        {
            return await RunInsideAsync();
        }
        finally
        {
            // After both simulators stopped (their GC writes into their SR until then).
            try
            {
                Directory.Delete(options.WorkDirectory, recursive: true);
            }
            catch (IOException e)
            {
                log.WriteLine($"could not remove {options.WorkDirectory}: {e.Message}");
            }
        }
    }

    private async Task<ResizeReport> RunInsideAsync()
    {
        log.WriteLine($"image: {options.DataMiB} MiB of random data in a {options.DiskGiB} GiB VHD");
        var image = BenchImage.Build(Path.Combine(options.WorkDirectory, "image"), options.DataMiB, options.DiskGiB);
        await using var sourceSim = await InProcessSim.StartAsync("bench-source", Path.Combine(options.WorkDirectory, "source"));
        await using var destinationSim = await InProcessSim.StartAsync("bench-destination", Path.Combine(options.WorkDirectory, "destination"));
        await using var source = Driver(sourceSim, "source-staging");
        await using var destination = Driver(destinationSim, "destination-staging");
        await source.InitHostAsync("bench-source", CancellationToken.None);
        await destination.InitHostAsync("bench-destination", CancellationToken.None);
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        await using var sourceXen = Session(sourceSim, http);
        await using var destinationXen = Session(destinationSim, http);
        {
            var id = Guid.NewGuid();
            var instance = new VirtInstance(id, "bench-resize-" + id.ToString("N")[..8], 512, 1, options.DiskGiB, image.ImageId);
            var bigger = instance with { MemoryMb = 1024, Vcpus = 2, RootGb = options.DiskGiB + 1 };
            var spawn = Stopwatch.StartNew();
            await source.SpawnAsync(instance, image, CancellationToken.None);
            log.WriteLine($"spawned {instance.InstanceName} in {spawn.Elapsed.TotalSeconds:F1} s");
            var cached = (await sourceXen.Vdi.GetAllRecordsAsync()).First(p => p.Value.OtherConfig.ContainsKey("image-id")).Key;

            var plainBefore = await PlainTransferAsync(sourceXen, destinationXen, cached);
            log.WriteLine($"plain transfer: {plainBefore.Bytes} bytes in {plainBefore.Seconds:F2} s");
            var resize = await ResizeAsync(source, destination, instance, bigger);
            log.WriteLine($"resize: {resize.Bytes} bytes in {resize.Seconds:F2} s");
            var plainAfter = await PlainTransferAsync(sourceXen, destinationXen, cached);
            log.WriteLine($"plain transfer: {plainAfter.Bytes} bytes in {plainAfter.Seconds:F2} s");

            await source.ConfirmMigrationAsync(instance, CancellationToken.None);
            await destination.DestroyAsync(bigger, CancellationToken.None);
            return new ResizeReport(options.DataMiB, options.DiskGiB, timeProvider.GetUtcNow(), resize, [plainBefore, plainAfter]);
        }
    }

    private async Task<ResizeReport.Phase> ResizeAsync(XenApiDriver source, XenApiDriver destination, VirtInstance instance, VirtInstance bigger)
    {
        var steps = new List<(string Step, double Seconds)>();
        var clock = Stopwatch.StartNew();
        var progress = new StepRecorder(steps, clock);
        PeakRss.Reset();
        var sink = new PipeMigrationSink(destination, bigger);
        await source.MigrateDiskAndPowerOffAsync(instance, bigger, sink, TimeSpan.FromSeconds(30), progress, CancellationToken.None);
        await destination.FinishMigrationAsync(sink.MigrationId, bigger, autoDiskConfig: false, powerOn: true, CancellationToken.None);
        steps.Add(("finished", clock.Elapsed.TotalSeconds));
        return new ResizeReport.Phase("resize (driver pair)", sink.Sent.Sum(s => s.Bytes), clock.Elapsed.TotalSeconds, PeakRss.MiB(), steps,
            [.. sink.Sent.Select(s => s.Bytes)]);
    }

    /// <summary>GET /export_raw_vdi?format=vhd on the source streamed straight into PUT /import_raw_vdi?format=vhd on the destination.</summary>
    private static async Task<ResizeReport.Phase> PlainTransferAsync(XenApiSession from, XenApiSession to, VdiRef vdi)
    {
        var size = await from.Vdi.GetVirtualSizeAsync(vdi);
        var sr = (await to.Pool.GetAllRecordsAsync()).Values.Single().DefaultSr;
        PeakRss.Reset();
        var clock = Stopwatch.StartNew();
        var target = await to.Vdi.CreateAsync(new ControlPlane.XenApi.Records.VdiRecord
        {
            NameLabel = "bench plain transfer",
            Sr = sr,
            VirtualSize = size,
            Type = ControlPlane.XenApi.Enums.VdiType.User,
        });
        long bytes;
        var (body, _) = await from.Transfers.OpenExportAsync(vdi, VdiTransferFormat.Vhd, null);
        await using (body)
        {
            var counting = new CountingStream(body);
            await to.Transfers.ImportAsync(target, counting, VdiTransferFormat.Vhd);
            bytes = counting.Count;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var peak = PeakRss.MiB();
        await to.Vdi.DestroyAsync(target);
        return new ResizeReport.Phase("export_raw_vdi -> import_raw_vdi", bytes, seconds, peak, [], [bytes]);
    }

    private XenApiDriver Driver(InProcessSim sim, string staging) =>
        new(Microsoft.Extensions.Options.Options.Create(new XenApiDriverOptions
        {
            Url = sim.Url,
            Username = "root",
            Password = InProcessSim.Password,
            StagingDirectory = Path.Combine(options.WorkDirectory, staging),
            TaskPollInterval = TimeSpan.FromMilliseconds(50),
        }), timeProvider, NullLogger<XenApiDriver>.Instance);

    private static XenApiSession Session(InProcessSim sim, HttpClient http) =>
        new(new XenApiConnectionOptions { Url = sim.Url, Password = InProcessSim.Password, TaskPollInterval = TimeSpan.FromMilliseconds(50) }, http);

    private sealed class StepRecorder(List<(string Step, double Seconds)> steps, Stopwatch clock) : IProgress<ResizeProgress>
    {
        public void Report(ResizeProgress value)
        {
            lock (steps)
            {
                steps.Add(($"{value} ({(int)value}%)", clock.Elapsed.TotalSeconds));
            }
        }
    }
}
