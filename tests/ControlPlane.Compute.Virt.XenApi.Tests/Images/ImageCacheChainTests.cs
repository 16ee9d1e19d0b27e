using System.Diagnostics;
using System.Net.Http.Json;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Tests.Infrastructure;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Sessions;
using Xunit.Abstractions;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Images;

/// <summary>
/// The image cache's VHD chain stays bounded under bursts of spawns (issue 14 item 7), and an SR failure is
/// reported as the spawn's cause.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ImageCacheChainTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Bound = 8;
    private readonly Guid imageId = Guid.NewGuid();
    private readonly List<SimHost> sims = [];
    private MemoryImageSource images = null!;

    public async Task InitializeAsync()
    {
        sims.Add(await SimHost.StartAsync());
        sims.Add(await SimHost.StartAsync());
        images = new MemoryImageSource().Add(imageId, TestImages.Archive(seed: 11, gzip: true));
    }

    public async Task DisposeAsync()
    {
        foreach (var sim in sims)
        {
            await sim.DisposeAsync();
        }
    }

    [Fact]
    public async Task Two_hundred_concurrent_spawns_over_two_hosts_all_succeed_with_the_chain_under_the_bound()
    {
        var drivers = new List<XenApiDriver>();
        foreach (var sim in sims)
        {
            var driver = DriverFactory.Create(sim, o => o.ImageCacheMaxChainDepth = Bound);
            await driver.InitHostAsync("compute-chain-" + drivers.Count, CancellationToken.None);
            drivers.Add(driver);
        }

        var instances = Enumerable.Range(0, 200).Select(_ => NewInstance()).ToList();
        var watch = Stopwatch.StartNew();
        var results = await Task.WhenAll(instances.Select(async (instance, i) =>
        {
            try
            {
                await drivers[i % 2].SpawnAsync(instance, images, CancellationToken.None);
                return null;
            }
            catch (VirtDriverException e)
            {
                return e.Message;
            }
        }));
        watch.Stop();

        var failures = results.Where(r => r is not null).ToList();
        Assert.True(failures.Count == 0, $"{failures.Count} spawn(s) failed, first: {failures.FirstOrDefault()}");
        var maxDepth = 0;
        var rotations = 0;
        for (var h = 0; h < sims.Count; h++)
        {
            await using var xen = sims[h].NewSession();
            var records = await xen.Vdi.GetAllRecordsAsync();
            var roots = records.Values.Where(v => v.OtherConfig.ContainsKey("nova_instance_uuid")).ToList();
            Assert.Equal(100, roots.Count);
            var cached = Assert.Single(records.Values, v => v.OtherConfig.GetValueOrDefault("image-id") == imageId.ToString());
            foreach (var vdi in roots.Append(cached))
            {
                maxDepth = Math.Max(maxDepth, await DepthAsync(xen, vdi.Uuid));
            }
            rotations += drivers[h].Images.CacheRotations;
            Assert.Equal(1, drivers[h].Images.Imports);
        }

        output.WriteLine($"200 spawns over 2 hosts: {watch.ElapsedMilliseconds} ms; max chain depth {maxDepth} (bound {Bound}); {rotations} cache rotations");
        Assert.InRange(maxDepth, 2, Bound);
        Assert.True(rotations >= 2 * (100 / Bound) - 2, $"{rotations} rotations");
        foreach (var driver in drivers)
        {
            await driver.DisposeAsync();
        }
    }

    [Fact]
    public async Task An_sr_failure_is_the_spawns_reported_cause()
    {
        await using var driver = DriverFactory.Create(sims[0]);
        await driver.InitHostAsync("compute-chain-sr", CancellationToken.None);
        using (var admin = new HttpClient { BaseAddress = sims[0].Url })
        {
            (await admin.PostAsJsonAsync("/_sim/faults", new
            {
                call = "VDI.clone", mode = "fail", count = 1,
                error = new[] { XenApiErrorCodes.SrBackendFailureChainTooLong, "", "The snapshot chain is too long", "" },
            })).EnsureSuccessStatusCode();
        }

        var instance = NewInstance();
        var error = await Assert.ThrowsAsync<DriverOperationException>(() => driver.SpawnAsync(instance, images, CancellationToken.None));

        Assert.True(error.Retryable);
        Assert.Contains("storage repository refused", error.Message, StringComparison.Ordinal);
        Assert.Contains("SR_BACKEND_FAILURE_109: The snapshot chain is too long", error.Message, StringComparison.Ordinal);
        Assert.Equal(XenApiErrorCodes.SrBackendFailureChainTooLong, Assert.IsType<XenApiFailure>(error.InnerException).Code);
    }

    private VirtInstance NewInstance()
    {
        var id = Guid.NewGuid();
        return new VirtInstance(id, "instance-" + id.ToString("N")[..8], 256, 1, 1, imageId);
    }

    private static async Task<int> DepthAsync(XenApiSession xen, string uuid)
    {
        var depth = 1;
        for (var current = uuid; ; depth++)
        {
            var smConfig = await xen.Vdi.GetSmConfigAsync(await xen.Vdi.GetByUuidAsync(current));
            if (!smConfig.TryGetValue("vhd-parent", out var parent))
            {
                return depth;
            }
            Assert.True(depth < 30, "chain deeper than the SR allows");
            current = parent;
        }
    }
}
