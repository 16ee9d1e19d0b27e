using ControlPlane.EndToEndTests.Images;
using ControlPlane.EndToEndTests.Infrastructure;

namespace ControlPlane.EndToEndTests.XenApi;

/// <summary>
/// A snapshot whose VHD coalesce never comes (the XapiSim GC paused) fails cleanly within the compute's configured
/// poll budget: the image is deleted (or killed), the server is ACTIVE with no task state, a fault and a failed
/// snapshot event are recorded, the snapshot VDI is gone and, once the GC runs again, the SR holds as many VDIs as
/// before. Runs on a host of its own (<see cref="TestXenHost"/>) whose compute polls every 1 s, 5 times.
/// </summary>
[Trait("Category", "E2EXen")]
public sealed class XenCoalesceTimeoutTests
{
    private const int MaxAttempts = 5;
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private readonly StackEnvironment stack = StackEnvironment.Load();

    [Fact]
    public async Task A_snapshot_whose_coalesce_never_comes_fails_within_the_poll_budget_and_leaks_no_vdi()
    {
        await XenStack.RequireAsync(stack);
        var db = new Database(stack);
        await WideFlavor.EnsureAsync(db);
        using var admin = await ComputeClient.LoginAsync(stack, "admin", "admin");
        await db.SetUnlimitedQuotaAsync(admin.ProjectId);
        await using var host = await TestXenHost.StartAsync(stack, "e2e-coalesce",
            "--XenApi:VhdCoalescePollInterval=" + PollInterval.ToString("c"), "--XenApi:VhdCoalesceMaxAttempts=" + MaxAttempts);
        await using var xen = host.Xen.Connect();
        string? serverId = null, firstImage = null;
        try
        {
            serverId = await OwnHostServers.BootAsync(admin, host, "coalesce-" + host.Name);
            var vm = await XenDisks.FindVmAsync([xen], Guid.Parse(serverId)) ?? throw new Xunit.Sdk.XunitException($"no VM for {serverId} on {host.Name}");
            var (_, root) = await XenDisks.RootVdiAsync(xen.Session, vm.Ref);

            // A first snapshot needs no coalesce (the root shares its parent with the cached image) and leaves the root
            // on a base copy of its own: the next snapshot finds a parent with one child and must wait for the GC.
            (firstImage, _) = await OwnHostServers.CreateImageAsync(admin, serverId, "coalesce-first");
            await SnapshotWait.ProxyImageStatusAsync(admin, firstImage, TimeSpan.FromSeconds(90), "ACTIVE");
            await SnapshotWait.ServerIdleAsync(admin, serverId, TimeSpan.FromSeconds(60));

            await host.Admin.SetGcPausedAsync(true);
            var before = await XenDisks.SrVdisAsync(xen.Session, root.Sr);
            var started = DateTimeOffset.UtcNow;
            var (image, requestId) = await OwnHostServers.CreateImageAsync(admin, serverId, "coalesce-never");
            var server = await SnapshotWait.ServerIdleAsync(admin, serverId, TimeSpan.FromSeconds(90));
            var took = DateTimeOffset.UtcNow - started;

            Assert.Equal("ACTIVE", server["status"]!.GetValue<string>());
            // Budget: 5 polls 1 s apart, plus SR scans and the upload of nothing; Nova's default (20 x 5 s) would take 100 s.
            Assert.True(took < TimeSpan.FromSeconds(60), $"the snapshot took {took} to fail; the budget is {MaxAttempts} x {PollInterval}");
            Assert.Contains(await OwnHostServers.ImageStatusAsync(stack, admin, image), new[] { "gone", "deleted", "killed" });
            var fault = await OwnHostServers.FaultSinceAsync(db, serverId, started);
            Assert.True(fault is not null && fault.Contains("coalesce", StringComparison.OrdinalIgnoreCase), $"fault recorded: {fault ?? "none"}");
            var snapshotEvent = await OwnHostServers.SnapshotEventAsync(admin, serverId, requestId);
            Assert.Equal("Error", snapshotEvent?["result"]?.GetValue<string>());

            // GC still paused: the snapshot VDI is destroyed and no visible VDI leaked; only the hidden base copy
            // VDI.snapshot made waits for the GC.
            var during = await XenDisks.SrVdisAsync(xen.Session, root.Sr);
            Assert.DoesNotContain(during.Values, v => v.IsASnapshot && !before.ContainsKey(v.Uuid));
            Assert.Equal(before.Values.Count(v => v.Managed), during.Values.Count(v => v.Managed));

            await host.Admin.SetGcPausedAsync(false);
            await host.Admin.RunGcAsync();
            await Eventually.UntilAsync(async () => (await XenDisks.SrVdisAsync(xen.Session, root.Sr)).Count, n => n == before.Count,
                $"the SR of {host.Name} to hold {before.Count} VDIs again (it held {during.Count} with the GC paused)", TimeSpan.FromSeconds(60), Poll.Interval);
        }
        finally
        {
            await host.Admin.SetGcPausedAsync(false);
            if (serverId is not null)
            {
                await admin.SendAsync(HttpMethod.Delete, "/compute/v2.1/servers/" + serverId);
                await admin.WaitForServerStatusAsync(serverId, TimeSpan.FromSeconds(120), "DELETED");
            }
            if (firstImage is not null)
            {
                await admin.SendAsync(HttpMethod.Delete, "/compute/v2.1/images/" + firstImage);
            }
        }
    }
}
