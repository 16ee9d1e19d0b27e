using ControlPlane.Testing;
using System.Text.Json.Nodes;
using ControlPlane.EndToEndTests.Infrastructure;

namespace ControlPlane.EndToEndTests.XenApi;

/// <summary>
/// <c>kill -9</c> of the XenApi compute in the middle of a rescue (XapiSim holds the clean shutdown of the server's VM, so
/// the compute is inside the rescue): after the restart the server is RESCUE with both VMs consistent, or back to ACTIVE
/// with no rescue VM; never a VM bootlocked without a rescue VM. Runs on a host of its own (<see cref="TestXenHost"/>).
/// </summary>
[Trait("Category", "E2EXen")]
public sealed class XenRescueComputeCrashTests
{
    private readonly StackEnvironment stack = StackEnvironment.Load();

    [Fact]
    public async Task Killing_the_compute_mid_rescue_leaves_a_consistent_server_after_the_restart()
    {
        await XenStack.RequireAsync(stack);
        var db = new Database(stack);
        await WideFlavor.EnsureAsync(db);
        using var admin = await ComputeClient.LoginAsync(stack, "admin", "admin");
        await db.SetUnlimitedQuotaAsync(admin.ProjectId);
        await using var host = await TestXenHost.StartAsync(stack, "e2e-rescrash");
        string? serverId = null;
        try
        {
            serverId = await OwnHostServers.BootAsync(admin, host, "rescrash-" + host.Name);
            var (_, shown, _) = await admin.SendAsync(HttpMethod.Get, "/compute/v2.1/servers/" + serverId);
            var name = shown!["server"]!["OS-EXT-SRV-ATTR:instance_name"]!.GetValue<string>();
            await host.Admin.DelayNextCallAsync("VM.clean_shutdown", TimeSpan.FromSeconds(30));

            Assert.Equal(200, (await RescueChecks.ActAsync(admin, serverId, new JsonObject { ["rescue"] = null })).Status);
            await Eventually.UntilAsync(async () =>
                await db.ScalarAsync<string>("SELECT task_state FROM instances WHERE id = @id", ("id", Guid.Parse(serverId))) == "rescuing", "the rescue to be under way", TimeSpan.FromSeconds(60));
            host.KillCompute();
            await host.Admin.ClearFaultsAsync();
            await host.RestartComputeAsync();

            await Eventually.UntilAsync(async () =>
                await db.ScalarAsync<string>("SELECT task_state FROM instances WHERE id = @id", ("id", Guid.Parse(serverId))) is null, "the task state to clear", TimeSpan.FromSeconds(120));
            var server = await admin.WaitForServerStatusAsync(serverId, TimeSpan.FromSeconds(10), "RESCUE", "ACTIVE");
            await using var xen = host.Xen.Connect();
            var rescued = await RescueChecks.AssertConsistentAsync(xen, name);
            Assert.Equal(rescued ? "RESCUE" : "ACTIVE", server["status"]!.GetValue<string>());
        }
        finally
        {
            if (serverId is not null)
            {
                await admin.SendAsync(HttpMethod.Delete, "/compute/v2.1/servers/" + serverId);
            }
        }
    }
}
