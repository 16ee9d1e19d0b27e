using System.Text.Json.Nodes;
using ControlPlane.EndToEndTests.Infrastructure;
using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Http;

namespace ControlPlane.EndToEndTests.XenApi;

/// <summary>
/// Rescue and unrescue through the stock CLI on the XenApi stack (issue 10), checked through XenAPI on the XapiSim host:
/// <c>&lt;name&gt;-rescue</c> runs with cirros-alt at userdevice 0 and the server's root VDI at userdevice 1, the server's
/// own VM is halted and <c>VM.start</c> fails with <c>OPERATION_BLOCKED</c>; bytes written into the root meanwhile are
/// there after unrescue, the server runs its own VM again, and the SR holds what it held (plus cirros-alt's cache).
/// Bad input changes nothing.
/// </summary>
[Trait("Category", "E2EXen")]
public sealed class XenRescueTests
{
    private const string AltImage = "22222222-2222-2222-2222-222222222222";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private readonly StackEnvironment stack = StackEnvironment.Load();

    [Fact]
    public async Task Rescue_with_cirros_alt_attaches_the_root_at_device_1_and_unrescue_keeps_what_was_written()
    {
        var hosts = await XenStack.RequireAsync(stack);
        var connections = hosts.Select(h => h.Connect()).ToList();
        var cli = new OpenStackCli(stack, "controlplane-demo");
        using var demo = await ComputeClient.LoginAsync(stack, "demo", "demo");
        using var admin = await ComputeClient.LoginAsync(stack, "admin", "admin");
        string? serverId = null;
        try
        {
            var server = await cli.JsonAsync("server", "create", "--flavor", "m1.tiny", "--image", ServerRequests.Image, "--wait",
                "xenrescue-" + Guid.NewGuid().ToString("N")[..8]);
            serverId = server.GetProperty("id").GetString()!;
            var vm = await XenDisks.FindVmAsync(connections, Guid.Parse(serverId))
                ?? throw new Xunit.Sdk.XunitException($"No VM for server {serverId} on the XapiSim hosts.");
            var xen = vm.Connection;
            var name = vm.Record.NameLabel;
            var root = await RescueChecks.DiskAtAsync(xen, vm.Record, "0");
            var sr = (await xen.Session.Vdi.GetRecordAsync(root)).Sr;
            var before = (await XenDisks.SrVdisAsync(xen.Session, sr)).Values.Where(v => v.Managed).Select(v => v.Uuid).ToHashSet();

            // Not rescued yet: unrescue is 409, an unknown rescue image is 400; nothing changes.
            Assert.Equal(409, (await RescueChecks.ActAsync(demo, serverId, new JsonObject { ["unrescue"] = null })).Status);
            var unknown = await RescueChecks.ActAsync(demo, serverId,
                new JsonObject { ["rescue"] = new JsonObject { ["rescue_image_ref"] = Guid.NewGuid().ToString() } });
            Assert.Equal(400, unknown.Status);
            Assert.Equal("ACTIVE", (await demo.WaitForServerStatusAsync(serverId, Deadline, "ACTIVE"))["status"]!.GetValue<string>());

            (await cli.RunAsync("server", "rescue", "--image", "cirros-alt", serverId)).EnsureSuccess("server rescue");
            await demo.WaitForServerStatusAsync(serverId, Deadline, "RESCUE");

            var (own, rescue) = await RescueChecks.VmsAsync(xen, name);
            var (rescueRef, rescueVm) = rescue ?? throw new Xunit.Sdk.XunitException($"No VM named {name}-rescue.");
            Assert.Equal(VmPowerState.Running, rescueVm.PowerState);
            Assert.Equal(VmPowerState.Halted, own.Record.PowerState);
            Assert.Equal(root, await RescueChecks.DiskAtAsync(xen, rescueVm, "1"));
            var rescueRoot = await xen.Session.Vdi.GetRecordAsync(await RescueChecks.DiskAtAsync(xen, rescueVm, "0"));
            var cachedAlt = (await XenDisks.SrVdisAsync(xen.Session, sr)).Values.Single(v => v.OtherConfig.GetValueOrDefault(XenDisks.ImageKey) == AltImage);
            Assert.Equal((await XenDisks.ChainAsync(xen.Session, cachedAlt))[^1], (await XenDisks.ChainAsync(xen.Session, rescueRoot))[^1]);
            var blocked = await Assert.ThrowsAsync<XenApiFailure>(() => xen.Session.Vm.StartAsync(own.Ref));
            Assert.Equal(XenApiErrorCodes.OperationBlocked, blocked.Code);

            // Refused while rescued: rescue again and reboot are 409.
            Assert.Equal(409, (await RescueChecks.ActAsync(demo, serverId, new JsonObject { ["rescue"] = null })).Status);
            Assert.Equal(409, (await RescueChecks.ActAsync(demo, serverId, new JsonObject { ["reboot"] = new JsonObject { ["type"] = "HARD" } })).Status);

            // The repair: bytes written into the server's root while the rescue VM holds it.
            var repair = Enumerable.Range(0, 4096).Select(i => (byte)(i * 13 + 5)).ToArray();
            await xen.Session.Transfers.ImportAsync(root, new MemoryStream(repair), VdiTransferFormat.Raw);

            (await cli.RunAsync("server", "unrescue", serverId)).EnsureSuccess("server unrescue");
            await demo.WaitForServerStatusAsync(serverId, Deadline, "ACTIVE");

            (own, rescue) = await RescueChecks.VmsAsync(xen, name);
            Assert.Null(rescue);
            Assert.Equal(VmPowerState.Running, own.Record.PowerState);
            Assert.Empty(own.Record.BlockedOperations);
            Assert.Equal(root, await RescueChecks.DiskAtAsync(xen, own.Record, "0"));
            await using (var raw = await xen.Session.Transfers.ExportAsync(root, VdiTransferFormat.Raw))
            {
                var head = new byte[repair.Length];
                await raw.ReadExactlyAsync(head);
                Assert.Equal(repair, head);
            }

            var after = (await XenDisks.SrVdisAsync(xen.Session, sr)).Values.Where(v => v.Managed).ToList();
            Assert.DoesNotContain(after, v => v.Uuid == rescueRoot.Uuid);
            Assert.All(after.Where(v => !before.Contains(v.Uuid)), v => Assert.True(
                v.OtherConfig.ContainsKey(XenDisks.ImageKey) || v.OtherConfig.GetValueOrDefault(XenDisks.VdiInstanceKey) is { } owner && owner != serverId,
                $"VDI {v.Uuid} ({v.NameLabel}) was left by the rescue"));
        }
        finally
        {
            if (serverId is not null)
            {
                await admin.SendAsync(HttpMethod.Delete, "/compute/v2.1/servers/" + serverId);
            }

            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_shutoff_server_is_rescued_and_unrescue_leaves_it_active()
    {
        var hosts = await XenStack.RequireAsync(stack);
        var connections = hosts.Select(h => h.Connect()).ToList();
        using var demo = await ComputeClient.LoginAsync(stack, "demo", "demo");
        string? serverId = null;
        try
        {
            var (status, body, _) = await demo.SendAsync(HttpMethod.Post, "/compute/v2.1/servers", ServerRequests.Create("xenrescue-off-" + Guid.NewGuid().ToString("N")[..8]));
            Assert.Equal(202, status);
            serverId = body!["server"]!["id"]!.GetValue<string>();
            await demo.WaitForServerStatusAsync(serverId, Deadline, "ACTIVE");
            var vm = await XenDisks.FindVmAsync(connections, Guid.Parse(serverId)) ?? throw new Xunit.Sdk.XunitException("no VM");
            Assert.Equal(202, (await RescueChecks.ActAsync(demo, serverId, new JsonObject { ["os-stop"] = null })).Status);
            await demo.WaitForServerStatusAsync(serverId, Deadline, "SHUTOFF");

            var rescue = await RescueChecks.ActAsync(demo, serverId, new JsonObject { ["rescue"] = new JsonObject { ["adminPass"] = "Rescue-Pass-1" } });
            Assert.Equal(200, rescue.Status);
            Assert.Equal("Rescue-Pass-1", rescue.Body!["adminPass"]!.GetValue<string>());
            await demo.WaitForServerStatusAsync(serverId, Deadline, "RESCUE");
            Assert.True(await RescueChecks.AssertConsistentAsync(vm.Connection, vm.Record.NameLabel));

            Assert.Equal(202, (await RescueChecks.ActAsync(demo, serverId, new JsonObject { ["unrescue"] = null })).Status);
            await demo.WaitForServerStatusAsync(serverId, Deadline, "ACTIVE");
            Assert.False(await RescueChecks.AssertConsistentAsync(vm.Connection, vm.Record.NameLabel));
        }
        finally
        {
            if (serverId is not null)
            {
                await demo.SendAsync(HttpMethod.Delete, "/compute/v2.1/servers/" + serverId);
            }

            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
