using System.Security.Cryptography;
using ControlPlane.Compute.DriverConformance;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.XenApi.Tests.Infrastructure;
using ControlPlane.XenApi.Http;
using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Resize;

/// <summary>Two in-process XapiSim hosts, a driver on each, and an operator's XenAPI session to each (the test's view).</summary>
public abstract class ResizeSimFixture : IAsyncLifetime
{
    internal SimHost SourceSim { get; private set; } = null!;

    internal SimHost DestinationSim { get; private set; } = null!;

    internal XenApiDriver Source { get; private set; } = null!;

    internal XenApiDriver Destination { get; private set; } = null!;

    internal XenApiSession SourceXen { get; private set; } = null!;

    internal XenApiSession DestinationXen { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        SourceSim = await SimHost.StartAsync();
        DestinationSim = await SimHost.StartAsync();
        Source = DriverFactory.Create(SourceSim);
        Destination = DriverFactory.Create(DestinationSim);
        await Source.InitHostAsync("resize-source", CancellationToken.None);
        await Destination.InitHostAsync("resize-destination", CancellationToken.None);
        SourceXen = SourceSim.NewSession();
        DestinationXen = DestinationSim.NewSession();
    }

    public virtual async Task DisposeAsync()
    {
        await Source.DisposeAsync();
        await Destination.DisposeAsync();
        await SourceXen.DisposeAsync();
        await DestinationXen.DisposeAsync();
        await SourceSim.DisposeAsync();
        await DestinationSim.DisposeAsync();
    }

    /// <summary>Runs the source half through a pipe into the destination; returns the sink (migration id, disks sent).</summary>
    internal async Task<PipeMigrationSink> MigrateAsync(VirtInstance instance, VirtInstance target, List<ResizeProgress>? progress = null,
        Func<MigrationDisk, Task>? beforeDisk = null)
    {
        var sink = new PipeMigrationSink(Destination, target) { BeforeDisk = beforeDisk };
        await Source.MigrateDiskAndPowerOffAsync(instance, target, sink, TimeSpan.FromSeconds(5), new RecordingProgress(progress ?? []), CancellationToken.None);
        return sink;
    }

    internal static async Task<(VmRef Ref, VmRecord Record)> VmAsync(XenApiSession xen, string name)
    {
        var vms = await xen.Vm.GetByNameLabelAsync(name);
        var vm = Assert.Single(vms);
        return (vm, await xen.Vm.GetRecordAsync(vm));
    }

    internal static async Task<VdiRef> RootAsync(XenApiSession xen, VmRecord vm)
    {
        foreach (var vbd in vm.Vbds)
        {
            var record = await xen.Vbd.GetRecordAsync(vbd);
            if (record.Userdevice == "0")
            {
                return record.Vdi;
            }
        }

        throw new InvalidOperationException("no root VBD");
    }

    /// <summary>SHA-256 of the first <paramref name="bytes"/> of the VDI's raw content.</summary>
    internal static async Task<string> DigestAsync(XenApiSession xen, VdiRef vdi, long bytes)
    {
        await using var raw = await xen.Transfers.ExportAsync(vdi, VdiTransferFormat.Raw);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        for (long done = 0; done < bytes;)
        {
            var n = await raw.ReadAtLeastAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, bytes - done)), 1, throwOnEndOfStream: false);
            Assert.True(n > 0, $"the export ended after {done} bytes");
            hash.AppendData(buffer, 0, n);
            done += n;
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    /// <summary>Every VDI record of the host's SR(s).</summary>
    internal static async Task<Dictionary<VdiRef, VdiRecord>> VdisAsync(XenApiSession xen) => await xen.Vdi.GetAllRecordsAsync();

    /// <summary>VDIs that are cached images or their ancestors (what may stay on a host after the instance is gone).</summary>
    internal static HashSet<string> CacheChains(Dictionary<VdiRef, VdiRecord> records)
    {
        var byUuid = records.Values.ToDictionary(r => r.Uuid, StringComparer.OrdinalIgnoreCase);
        var keep = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var cached in records.Values.Where(r => r.OtherConfig.ContainsKey("image-id")))
        {
            for (var node = cached; node is not null && keep.Add(node.Uuid); node = node.VhdParent is { } p ? byUuid.GetValueOrDefault(p) : null)
            {
            }
        }

        return keep;
    }
}
