using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Connection;
using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Refs;

namespace ControlPlane.Compute.Virt.XenApi.Ops;

/// <summary>
/// The VNC console of an instance (reference D.1): the VM (its <c>-rescue</c> VM while rescued), its <c>rfb</c> console
/// record, and the CONNECT path <c>/console?ref=&lt;console ref&gt;&amp;session_id=&lt;session&gt;</c> on the XAPI host.
/// </summary>
public sealed class ConsoleOps(XenApiHost xen, VmOps vms, Uri xapiUrl, string proxyClientAddress)
{
    /// <summary>Name-label suffix of an instance's rescue VM.</summary>
    public const string RescueSuffix = "-rescue";

    /// <summary>Connection info of the instance's RFB console; see <see cref="IConsoleDriver.GetVncConsoleAsync"/>.</summary>
    public async Task<ConsoleConnection> GetVncConsoleAsync(VirtInstance instance, CancellationToken ct)
    {
        var vm = await FindRescueAsync(instance, ct).ConfigureAwait(false)
            ?? (await vms.FindAsync(instance, ct).ConfigureAwait(false)).Select(v => (VmRef?)v.Ref).FirstOrDefault()
            ?? throw new InstanceNotFoundException(instance.InstanceId);
        var power = await vms.PowerStateAsync(vm, ct).ConfigureAwait(false);
        foreach (var console in await xen.Session.Vm.GetConsolesAsync(vm, ct).ConfigureAwait(false))
        {
            var record = await xen.Session.Console.GetRecordAsync(console, ct).ConfigureAwait(false);
            if (record.Protocol == ConsoleProtocol.Rfb)
            {
                var session = xen.Session.SessionRef?.OpaqueRef ?? throw new InvalidOperationException("XenAPI session is not logged in.");
                var host = string.IsNullOrEmpty(proxyClientAddress) ? xapiUrl.Host : proxyClientAddress;
                return new ConsoleConnection(host, xapiUrl.Port,
                    $"/console?ref={console.OpaqueRef}&session_id={session}");
            }
        }
        // XAPI creates the rfb console when the VM starts and removes it at shutdown.
        throw new InstancePowerStateException(instance.InstanceId, Errors.XenApiFailureMapper.ToPowerState(power.ToString()), "open the console of");
    }

    private async Task<VmRef?> FindRescueAsync(VirtInstance instance, CancellationToken ct)
    {
        foreach (var vm in await xen.Session.Vm.GetByNameLabelAsync(instance.InstanceName + RescueSuffix, ct).ConfigureAwait(false))
        {
            var record = await xen.Session.Vm.GetRecordAsync(vm, ct).ConfigureAwait(false);
            if (record.OtherConfig.GetValueOrDefault(VmOps.InstanceKey) == instance.InstanceId.ToString("D") && !record.IsATemplate && !record.IsASnapshot)
            {
                return vm;
            }
        }
        return null;
    }
}
