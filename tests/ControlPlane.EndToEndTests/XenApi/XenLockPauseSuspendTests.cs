using System.Text.Json.Nodes;
using ControlPlane.EndToEndTests.Infrastructure;
using ControlPlane.XenApi.Enums;

namespace ControlPlane.EndToEndTests.XenApi;

/// <summary>
/// Issue 15 on the XenApi stack through the stock CLI: a lock refuses the owner's stop (409) but not an admin's, a
/// lock set by an admin is the admin's to lift (403 for the owner), and pause/unpause, suspend/resume reach
/// PAUSED/SUSPENDED/ACTIVE with the XenAPI power state Paused/Suspended/Running on the XapiSim host; the suspend image
/// VDI exists only while the server is suspended, and deleting a suspended server leaves none behind.
/// </summary>
[Trait("Category", "E2EXen")]
public sealed class XenLockPauseSuspendTests
{
    private static readonly TimeSpan StateDeadline = TimeSpan.FromSeconds(60);
    private readonly StackEnvironment stack = StackEnvironment.Load();

    [Fact]
    public async Task A_locked_server_refuses_the_owners_stop_but_not_an_admins()
    {
        await XenStack.RequireAsync(stack);
        var demo = new OpenStackCli(stack, "controlplane-demo");
        var admin = new OpenStackCli(stack, "controlplane-admin");
        using var api = await ComputeClient.LoginAsync(stack, "demo", "demo");
        var id = await CreateAsync(demo, "xenlock-");
        try
        {
            (await demo.RunAsync("--os-compute-api-version", "2.73", "server", "lock", "--reason", "maint", id)).EnsureSuccess("server lock");
            var (_, shown, _) = await api.SendAsync(HttpMethod.Get, "/compute/v2.1/servers/" + id, microversion: "2.73");
            Assert.True(shown!["server"]!["locked"]!.GetValue<bool>());
            Assert.Equal("maint", shown["server"]!["locked_reason"]!.GetValue<string>());

            var refused = await demo.RunAsync("server", "stop", id);
            Assert.NotEqual(0, refused.ExitCode);
            Assert.Contains("409", refused.StandardError, StringComparison.Ordinal);
            Assert.Contains("locked", refused.StandardError, StringComparison.OrdinalIgnoreCase);

            (await admin.RunAsync("server", "stop", id)).EnsureSuccess("server stop as admin");
            await api.WaitForServerStatusAsync(id, StateDeadline, "SHUTOFF");
            (await admin.RunAsync("server", "start", id)).EnsureSuccess("server start as admin");
            await api.WaitForServerStatusAsync(id, StateDeadline, "ACTIVE");
            (await demo.RunAsync("server", "unlock", id)).EnsureSuccess("server unlock by its owner");

            (await admin.RunAsync("server", "lock", id)).EnsureSuccess("server lock as admin");
            var notTheOwners = await demo.RunAsync("server", "unlock", id);
            Assert.NotEqual(0, notTheOwners.ExitCode);
            Assert.Contains("403", notTheOwners.StandardError, StringComparison.Ordinal);
            (await admin.RunAsync("server", "unlock", id)).EnsureSuccess("server unlock as admin");
            (await demo.RunAsync("server", "stop", id)).EnsureSuccess("server stop once unlocked");
            await api.WaitForServerStatusAsync(id, StateDeadline, "SHUTOFF");
        }
        finally
        {
            await admin.RunAsync("server", "unlock", id);
            await demo.RunAsync("server", "delete", "--wait", id);
        }
    }

    [Fact]
    public async Task Pause_and_suspend_show_in_the_api_and_in_xenapi_and_a_suspended_delete_leaves_no_suspend_image()
    {
        var hosts = await XenStack.RequireAsync(stack);
        var connections = hosts.Select(h => h.Connect()).ToList();
        var demo = new OpenStackCli(stack, "controlplane-demo");
        using var api = await ComputeClient.LoginAsync(stack, "demo", "demo");
        var id = await CreateAsync(demo, "xenpause-");
        var deleted = false;
        try
        {
            await StepAsync(demo, api, connections, id, "pause", "PAUSED", "paused", 3, VmPowerState.Paused);
            await StepAsync(demo, api, connections, id, "unpause", "ACTIVE", "active", 1, VmPowerState.Running);
            var suspendedVm = await StepAsync(demo, api, connections, id, "suspend", "SUSPENDED", "suspended", 7, VmPowerState.Suspended);
            var image = await suspendedVm.Connection.Session.Vdi.GetRecordAsync(suspendedVm.Record.SuspendVdi);
            Assert.Equal(VdiType.Suspend, image.Type);

            var resumedVm = await StepAsync(demo, api, connections, id, "resume", "ACTIVE", "active", 1, VmPowerState.Running);
            Assert.True(resumedVm.Record.SuspendVdi.IsNull);
            Assert.DoesNotContain(image.Uuid, (await XenDisks.SrVdisAsync(resumedVm.Connection.Session, image.Sr)).Keys);

            var again = await StepAsync(demo, api, connections, id, "suspend", "SUSPENDED", "suspended", 7, VmPowerState.Suspended);
            var secondImage = await again.Connection.Session.Vdi.GetRecordAsync(again.Record.SuspendVdi);
            (await demo.RunAsync("server", "delete", "--wait", id)).EnsureSuccess("server delete while suspended");
            deleted = true;
            Assert.Null(await XenDisks.FindVmAsync(connections, Guid.Parse(id)));
            Assert.DoesNotContain(secondImage.Uuid, (await XenDisks.SrVdisAsync(again.Connection.Session, secondImage.Sr)).Keys);
        }
        finally
        {
            if (!deleted)
            {
                await demo.RunAsync("server", "delete", "--wait", id);
            }
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task<string> CreateAsync(OpenStackCli cli, string prefix)
    {
        var server = await cli.JsonAsync("server", "create", "--flavor", "m1.tiny", "--image", ServerRequests.Image, "--wait",
            prefix + Guid.NewGuid().ToString("N")[..8]);
        Assert.Equal("ACTIVE", server.GetProperty("status").GetString());
        return server.GetProperty("id").GetString()!;
    }

    /// <summary>Runs <c>openstack server &lt;verb&gt;</c>, waits for the status, checks the api's states and the XenAPI power state.</summary>
    private static async Task<XenVm> StepAsync(OpenStackCli cli, ComputeClient api, List<XenConnection> connections, string id,
        string verb, string status, string vmState, int powerState, VmPowerState xenPowerState)
    {
        (await cli.RunAsync("server", verb, id)).EnsureSuccess("server " + verb);
        JsonNode server = await api.WaitForServerStatusAsync(id, StateDeadline, status);
        Assert.Equal(vmState, server["OS-EXT-STS:vm_state"]!.GetValue<string>());
        Assert.Null(server["OS-EXT-STS:task_state"]?.GetValue<string>());
        Assert.Equal(powerState, server["OS-EXT-STS:power_state"]!.GetValue<int>());
        var vm = await XenDisks.FindVmAsync(connections, Guid.Parse(id))
            ?? throw new Xunit.Sdk.XunitException($"No VM with other_config nova_uuid={id} on any XapiSim host.");
        Assert.Equal(xenPowerState, vm.Record.PowerState);
        return vm;
    }
}
