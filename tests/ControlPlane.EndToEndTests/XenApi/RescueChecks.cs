using System.Text.Json.Nodes;
using ControlPlane.EndToEndTests.Infrastructure;
using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;

namespace ControlPlane.EndToEndTests.XenApi;

/// <summary>REST calls and XenAPI look-ups of the rescue tests.</summary>
internal static class RescueChecks
{
    /// <summary>POSTs a server action; returns the status and body.</summary>
    public static async Task<(int Status, JsonNode? Body)> ActAsync(ComputeClient client, string serverId, JsonObject action)
    {
        var (status, body, _) = await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{serverId}/action", action.ToJsonString());
        return (status, body);
    }

    /// <summary>The instance's own VM and its rescue VM (null when absent), found by name-label on the VM's host.</summary>
    public static async Task<((VmRef Ref, VmRecord Record) Own, (VmRef Ref, VmRecord Record)? Rescue)> VmsAsync(XenConnection xen, string instanceName)
    {
        var own = Assert.Single(await xen.Session.Vm.GetByNameLabelAsync(instanceName));
        var rescue = await xen.Session.Vm.GetByNameLabelAsync(instanceName + "-rescue");
        Assert.True(rescue.Count <= 1, $"{rescue.Count} VMs named {instanceName}-rescue");
        return ((own, await xen.Session.Vm.GetRecordAsync(own)),
            rescue.Count == 1 ? (rescue[0], await xen.Session.Vm.GetRecordAsync(rescue[0])) : null);
    }

    /// <summary>The VDI at <paramref name="userdevice"/> of the VM.</summary>
    public static async Task<VdiRef> DiskAtAsync(XenConnection xen, VmRecord vm, string userdevice)
    {
        foreach (var vbd in vm.Vbds)
        {
            var record = await xen.Session.Vbd.GetRecordAsync(vbd);
            if (record.Userdevice == userdevice)
            {
                return record.Vdi;
            }
        }

        throw new Xunit.Sdk.XunitException($"VM {vm.NameLabel} has no VBD at userdevice {userdevice}");
    }

    /// <summary>The two consistent outcomes of a rescue: rescued (rescue VM running, own VM halted and bootlocked) or not
    /// rescued (no rescue VM, own VM not bootlocked). Returns true when rescued.</summary>
    public static async Task<bool> AssertConsistentAsync(XenConnection xen, string instanceName)
    {
        var (own, rescue) = await VmsAsync(xen, instanceName);
        var locked = own.Record.BlockedOperations.ContainsKey("start");
        if (rescue is { } r)
        {
            Assert.Equal(VmPowerState.Running, r.Record.PowerState);
            Assert.Equal(VmPowerState.Halted, own.Record.PowerState);
            Assert.True(locked, $"{instanceName} is not bootlocked while its rescue VM runs");
            return true;
        }

        Assert.False(locked, $"{instanceName} is bootlocked but has no rescue VM");
        return false;
    }
}
