using System.Globalization;
using System.IO.Compression;
using System.Text;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.XenApi.Diagnostics;
using ControlPlane.XenApi.Errors;
using Microsoft.Extensions.Logging;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Connection;
using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Refs;

namespace ControlPlane.Compute.Virt.XenApi.Ops;

/// <summary>
/// The VNC console of an instance (reference D.1): the VM (its <c>-rescue</c> VM while rescued), its <c>rfb</c> console
/// record, and the CONNECT path <c>/console?ref=&lt;console ref&gt;&amp;session_id=&lt;session&gt;</c> on the XAPI host.
/// </summary>
public sealed class ConsoleOps(XenApiHost xen, VmOps vms, Uri xapiUrl, string proxyClientAddress, ILogger logger)
{
    /// <summary>What Nova's XenAPI driver answers when dom0 has no log of the domain.</summary>
    public const string NoConsole = "Guest does not have a console available";

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

    /// <summary>
    /// The console log (reference C.5, Nova's <c>get_console_output</c>): the domain of the VM (its <c>-rescue</c> VM while
    /// rescued), the running one or, when halted, <c>other_config["last_dom_id"]</c>; dom0's <c>console</c> plugin returns
    /// the log zlib-compressed and base64-encoded. A failed plugin call gives <see cref="NoConsole"/>, as Nova.
    /// </summary>
    public async Task<string> GetConsoleOutputAsync(VirtInstance instance, CancellationToken ct)
    {
        var vm = await FindRescueAsync(instance, ct).ConfigureAwait(false)
            ?? (await vms.FindAsync(instance, ct).ConfigureAwait(false)).Select(v => (VmRef?)v.Ref).FirstOrDefault()
            ?? throw new InstanceNotFoundException(instance.InstanceId);
        var record = await xen.Session.Vm.GetRecordAsync(vm, ct).ConfigureAwait(false);
        var domId = record.Domid >= 0
            ? record.Domid.ToString(CultureInfo.InvariantCulture)
            : record.OtherConfig.GetValueOrDefault(VmOps.LastDomIdKey, "-1");
        string raw;
        try
        {
            raw = await xen.Session.HostApi.CallPluginAsync(xen.Host, "console", "get_console_log",
                new Dictionary<string, string> { ["dom_id"] = domId }, ct).ConfigureAwait(false);
        }
        catch (XenApiFailure f)
        {
            XenApiDriverLog.ConsoleLogUnavailable(logger, instance.InstanceId, domId, f.Message);
            return NoConsole;
        }

        using var zlib = new ZLibStream(new MemoryStream(Convert.FromBase64String(raw)), CompressionMode.Decompress);
        using var reader = new StreamReader(zlib, Encoding.UTF8);
        var log = await reader.ReadToEndAsync(ct).ConfigureAwait(false);
        return log.Length > IConsoleLogDriver.MaxBytes ? log[^IConsoleLogDriver.MaxBytes..] : log;
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
