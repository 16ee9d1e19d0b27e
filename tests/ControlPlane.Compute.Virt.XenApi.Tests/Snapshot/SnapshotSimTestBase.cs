using System.Formats.Tar;
using System.Net.Http.Json;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.XenApi.Tests.Infrastructure;
using ControlPlane.Vhd.Files;
using ControlPlane.Vhd.Format;
using ControlPlane.XenApi.Http;
using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Snapshot;

/// <summary>A XapiSim per test, a cached image, and helpers to read and write an instance's root disk and to check a snapshot archive.</summary>
public abstract class SnapshotSimTestBase : IAsyncLifetime
{
    private readonly List<(XenApiDriver Driver, VirtInstance Instance)> spawned = [];
    private readonly List<XenApiDriver> drivers = [];
    private readonly List<string> directories = [];

    internal Guid ImageId { get; } = Guid.NewGuid();

    internal SimHost Sim { get; private set; } = null!;

    internal XenApiSession Xen { get; private set; } = null!;

    internal MemoryImageSource Images { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sim = await SimHost.StartAsync();
        Xen = Sim.NewSession();
        Images = new MemoryImageSource().Add(ImageId, TestImages.Archive(seed: 11));
    }

    public async Task DisposeAsync()
    {
        foreach (var (driver, instance) in spawned)
        {
            await driver.DestroyAsync(instance, CancellationToken.None);
        }

        foreach (var driver in drivers)
        {
            await driver.DisposeAsync();
        }

        directories.ForEach(d => Directory.Delete(d, recursive: true));
        await Xen.DisposeAsync();
        await Sim.DisposeAsync();
    }

    /// <summary>A driver with a fast coalesce poll (the test's own budget when given).</summary>
    internal async Task<XenApiDriver> StartDriverAsync(Action<Options.XenApiDriverOptions>? configure = null)
    {
        var driver = DriverFactory.Create(Sim, o =>
        {
            o.VhdCoalescePollInterval = TimeSpan.FromMilliseconds(50);
            o.VhdCoalesceMaxAttempts = 200;
            configure?.Invoke(o);
        });
        drivers.Add(driver);
        await driver.InitHostAsync("compute-test", CancellationToken.None);
        return driver;
    }

    /// <summary>Spawns an instance with no flavor disk (its root disk is the image's 16 MiB), destroyed after the test.</summary>
    internal async Task<VirtInstance> SpawnAsync(XenApiDriver driver, Guid? image = null)
    {
        var id = Guid.NewGuid();
        var instance = new VirtInstance(id, "instance-" + id.ToString("N")[..8], 256, 1, 0, image ?? ImageId);
        spawned.Add((driver, instance));
        await driver.SpawnAsync(instance, Images, CancellationToken.None);
        return instance;
    }

    internal async Task<VdiRef> RootVdiAsync(VirtInstance instance)
    {
        var (_, vm) = Assert.Single(await Xen.Vm.GetAllRecordsAsync(), p => p.Value.OtherConfig.GetValueOrDefault("nova_uuid") == instance.InstanceId.ToString());
        foreach (var vbd in vm.Vbds)
        {
            var record = await Xen.Vbd.GetRecordAsync(vbd);
            if (record.Userdevice == "0")
            {
                return record.Vdi;
            }
        }

        throw new InvalidOperationException("no root VBD");
    }

    internal async Task<byte[]> RawAsync(VdiRef vdi)
    {
        await using var raw = await Xen.Transfers.ExportAsync(vdi, VdiTransferFormat.Raw);
        using var copy = new MemoryStream();
        await raw.CopyToAsync(copy);
        return copy.ToArray();
    }

    /// <summary>Overwrites <paramref name="length"/> bytes at <paramref name="offset"/> of the disk with a seeded pattern (raw import of the head).</summary>
    internal async Task WritePatternAsync(VdiRef vdi, int seed, long offset, int length)
    {
        var content = await RawAsync(vdi);
        var pattern = new byte[length];
        new Random(seed).NextBytes(pattern);
        pattern.CopyTo(content, offset);
        await Xen.Transfers.ImportAsync(vdi, new MemoryStream(content[..(int)(offset + length)]), VdiTransferFormat.Raw);
    }

    internal async Task SetGcPausedAsync(bool paused)
    {
        using var admin = new HttpClient { BaseAddress = Sim.Url };
        (await admin.PostAsJsonAsync("/_sim/gc", new { paused })).EnsureSuccessStatusCode();
    }

    internal async Task<Dictionary<VdiRef, VdiRecord>> VdisAsync() => await Xen.Vdi.GetAllRecordsAsync();

    /// <summary>Reads a snapshot archive: members in order, each named N.vhd, each a valid VHD, each linked to the next by unique id,
    /// the last one not differencing. Returns the member sizes.</summary>
    internal List<long> AssertChainArchive(byte[] archive)
    {
        var directory = Path.Combine(Sim.DataDirectory, "check-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        directories.Add(directory);
        var sizes = new List<long>();
        using (var reader = new TarReader(new MemoryStream(archive)))
        {
            while (reader.GetNextEntry() is { } entry)
            {
                Assert.Equal(TarEntryType.RegularFile, entry.EntryType);
                Assert.Equal($"{sizes.Count}.vhd", entry.Name);
                entry.ExtractToFile(Path.Combine(directory, entry.Name), overwrite: false);
                sizes.Add(entry.Length);
            }
        }

        Assert.NotEmpty(sizes);
        for (var i = 0; i < sizes.Count; i++)
        {
            using var file = VhdFile.Open(Path.Combine(directory, $"{i}.vhd"));
            if (i == sizes.Count - 1)
            {
                Assert.NotEqual(VhdDiskType.Differencing, file.DiskType);
                continue;
            }

            Assert.Equal(VhdDiskType.Differencing, file.DiskType);
            using var parent = VhdFile.Open(Path.Combine(directory, $"{i + 1}.vhd"));
            Assert.Equal(parent.UniqueId, file.Header!.ParentUniqueId);
        }

        return sizes;
    }

    /// <summary>Phases seen, for asserting their order.</summary>
    internal static Func<SnapshotPhase, CancellationToken, Task> Record(List<SnapshotPhase> phases) => (phase, _) =>
    {
        phases.Add(phase);
        return Task.CompletedTask;
    };
}
