using ControlPlane.Compute.DriverConformance;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Tests.Infrastructure;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Snapshot;

/// <summary>XenApiDriver.SnapshotAsync when things go wrong: no coalesce, a failing or cancelled upload. The snapshot VDI never survives.</summary>
[Trait("Category", "Integration")]
public sealed class XenApiSnapshotFailureTests : SnapshotSimTestBase
{
    [Fact]
    public async Task A_coalesce_that_never_comes_fails_within_the_budget_and_leaks_no_vdi()
    {
        var driver = await StartDriverAsync(o =>
        {
            o.VhdCoalescePollInterval = TimeSpan.FromMilliseconds(10);
            o.VhdCoalesceMaxAttempts = 3;
        });
        var vm = await SpawnAsync(driver);
        await driver.SnapshotAsync(vm, new MemorySnapshotUpload(), Record([]), CancellationToken.None);
        await SetGcPausedAsync(true);
        var before = await VdisAsync();
        var upload = new MemorySnapshotUpload();
        var phases = new List<SnapshotPhase>();

        var error = await Assert.ThrowsAsync<DriverOperationException>(() => driver.SnapshotAsync(vm, upload, Record(phases), CancellationToken.None));

        Assert.Contains("coalesce attempts exceeded (3)", error.Message, StringComparison.Ordinal);
        Assert.False(error.Retryable);
        Assert.Equal([SnapshotPhase.PendingUpload], phases);
        Assert.Equal(0, upload.Calls);
        Assert.Equal(DriverPowerState.Running, await driver.GetPowerStateAsync(vm, CancellationToken.None));
        var after = await VdisAsync();
        Assert.DoesNotContain(after.Values, v => v.IsASnapshot);
        Assert.Equal(before.Count(p => p.Value.Managed), after.Count(p => p.Value.Managed));

        // With the GC back, the base copy the failed snapshot left is coalesced away: the SR is as it was.
        await SetGcPausedAsync(false);
        await Eventually.UntilAsync(async () =>
        {
            await Xen.Sr.ScanAsync(after.Values.First().Sr);
            return (await VdisAsync()).Keys.ToHashSet().SetEquals(before.Keys);
        }, "the SR holds the same VDIs as before the snapshot");
    }

    [Fact]
    public async Task Cancelling_during_the_coalesce_wait_stops_at_once_and_destroys_the_snapshot()
    {
        var driver = await StartDriverAsync(o => o.VhdCoalescePollInterval = TimeSpan.FromMinutes(5));
        var vm = await SpawnAsync(driver);
        await driver.SnapshotAsync(vm, new MemorySnapshotUpload(), Record([]), CancellationToken.None);
        await SetGcPausedAsync(true);
        var managedBefore = (await VdisAsync()).Count(p => p.Value.Managed);
        using var cancel = new CancellationTokenSource();
        var upload = new MemorySnapshotUpload();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => driver.SnapshotAsync(vm, upload, async (phase, _) =>
        {
            if (phase == SnapshotPhase.PendingUpload)
            {
                await cancel.CancelAsync();
            }
        }, cancel.Token));

        Assert.True(watch.Elapsed < TimeSpan.FromMinutes(1), $"took {watch.Elapsed}");
        Assert.Equal(0, upload.Calls);
        var after = await VdisAsync();
        Assert.DoesNotContain(after.Values, v => v.IsASnapshot);
        Assert.Equal(managedBefore, after.Count(p => p.Value.Managed));
    }

    [Fact]
    public async Task An_upload_failing_mid_stream_propagates_and_destroys_the_snapshot()
    {
        var driver = await StartDriverAsync();
        var vm = await SpawnAsync(driver);
        await WritePatternAsync(await RootVdiAsync(vm), seed: 5, offset: 0, length: 4 << 20);
        var managedBefore = (await VdisAsync()).Count(p => p.Value.Managed);
        var upload = new MemorySnapshotUpload { FailAfter = 1_000_000 };

        var error = await Assert.ThrowsAsync<IOException>(() => driver.SnapshotAsync(vm, upload, Record([]), CancellationToken.None));

        Assert.Contains("injected upload failure", error.Message, StringComparison.Ordinal);
        Assert.False(upload.Completed);
        var after = await VdisAsync();
        Assert.DoesNotContain(after.Values, v => v.IsASnapshot);
        Assert.Equal(managedBefore, after.Count(p => p.Value.Managed));
        Assert.Equal(DriverPowerState.Running, await driver.GetPowerStateAsync(vm, CancellationToken.None));
    }

    [Fact]
    public async Task A_snapshot_cancelled_mid_stream_throws_and_destroys_the_snapshot()
    {
        var driver = await StartDriverAsync();
        var vm = await SpawnAsync(driver);
        await WritePatternAsync(await RootVdiAsync(vm), seed: 6, offset: 0, length: 4 << 20);
        var managedBefore = (await VdisAsync()).Count(p => p.Value.Managed);
        using var cancel = new CancellationTokenSource();
        var upload = new MemorySnapshotUpload { CancelAfter = cancel, CancelAfterBytes = 600_000 };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => driver.SnapshotAsync(vm, upload, Record([]), cancel.Token));

        Assert.False(upload.Completed);
        var after = await VdisAsync();
        Assert.DoesNotContain(after.Values, v => v.IsASnapshot);
        Assert.Equal(managedBefore, after.Count(p => p.Value.Managed));
    }

    [Fact]
    public async Task A_phase_callback_that_throws_aborts_the_snapshot_and_destroys_it()
    {
        var driver = await StartDriverAsync();
        var vm = await SpawnAsync(driver);
        var upload = new MemorySnapshotUpload();

        await Assert.ThrowsAsync<InvalidOperationException>(() => driver.SnapshotAsync(vm, upload,
            (phase, _) => phase == SnapshotPhase.Uploading ? throw new InvalidOperationException("instance is being deleted") : Task.CompletedTask,
            CancellationToken.None));

        Assert.Equal(0, upload.Calls);
        Assert.DoesNotContain((await VdisAsync()).Values, v => v.IsASnapshot);
    }
}
