using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Connection;
using ControlPlane.Compute.Virt.XenApi.Diagnostics;
using ControlPlane.Compute.Virt.XenApi.Errors;
using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Refs;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Virt.XenApi.Ops;

/// <summary>Power transitions with XAPI's rules: clean first with a deadline, hard after it; repeated requests succeed.</summary>
public sealed class PowerOps(XenApiHost xen, VmOps vms, TimeProvider clock, ILogger logger)
{
    /// <summary>Clean shutdown bounded by <paramref name="timeout"/> (zero = hard at once), then hard. Halted already = done.</summary>
    public async Task PowerOffAsync(VmRef vm, Guid instanceId, TimeSpan timeout, CancellationToken ct)
    {
        var state = await vms.PowerStateAsync(vm, ct).ConfigureAwait(false);
        if (state == VmPowerState.Halted)
        {
            return;
        }

        if (state == VmPowerState.Running && timeout > TimeSpan.Zero)
        {
            if (await vms.TryCleanAsync(vm, "clean_shutdown", timeout, clock, ct).ConfigureAwait(false))
            {
                return;
            }

            XenApiDriverLog.CleanTimedOut(logger, instanceId, "shutdown", timeout);
        }

        await HardShutdownAsync(vm, ct).ConfigureAwait(false);
    }

    /// <summary>Soft: running only, clean reboot bounded by <paramref name="cleanTimeout"/> then hard. Hard: from any state.</summary>
    public async Task RebootAsync(VmRef vm, Guid instanceId, bool hard, TimeSpan cleanTimeout, CancellationToken ct)
    {
        var state = await vms.PowerStateAsync(vm, ct).ConfigureAwait(false);
        if (!hard)
        {
            if (state != VmPowerState.Running)
            {
                throw new InstancePowerStateException(instanceId, XenApiFailureMapper.ToPowerState(state.ToString()), "reboot");
            }

            if (await vms.TryCleanAsync(vm, "clean_reboot", cleanTimeout, clock, ct).ConfigureAwait(false))
            {
                await vms.RecordLastDomIdAsync(vm, ct).ConfigureAwait(false);
                return;
            }

            XenApiDriverLog.CleanTimedOut(logger, instanceId, "reboot", cleanTimeout);
        }

        if (state is VmPowerState.Running or VmPowerState.Paused)
        {
            await vms.HardRebootAsync(vm, ct).ConfigureAwait(false);
            return;
        }

        await PowerOnAsync(vm, ct).ConfigureAwait(false);
    }

    /// <summary>Running from any state: start_on (halted), unpause, resume; running already = done.</summary>
    public async Task PowerOnAsync(VmRef vm, CancellationToken ct)
    {
        switch (await vms.PowerStateAsync(vm, ct).ConfigureAwait(false))
        {
            case VmPowerState.Running:
                return;
            case VmPowerState.Paused:
                await xen.Session.Vm.UnpauseAsync(vm, ct).ConfigureAwait(false);
                return;
            case VmPowerState.Suspended:
                await xen.Session.Vm.ResumeAsync(vm, false, false, ct).ConfigureAwait(false);
                return;
            default:
                await vms.StartAsync(vm, ct).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>
    /// One of XAPI's in-place transitions (<c>VM.pause</c>, <c>unpause</c>, <c>suspend</c>, <c>resume(vm, false, false)</c>):
    /// done already when the VM is in <paramref name="to"/>; from <paramref name="from"/> <paramref name="call"/> is made; from any other
    /// state <see cref="InstancePowerStateException"/> (XAPI would answer <c>VM_BAD_POWER_STATE</c>). A
    /// <c>VM_BAD_POWER_STATE</c> answer counts as done when the VM reached <paramref name="to"/> meanwhile.
    /// </summary>
    public async Task TransitionAsync(VmRef vm, Guid instanceId, string operation, VmPowerState from, VmPowerState to,
        Func<VmRef, CancellationToken, Task> call, CancellationToken ct)
    {
        var state = await vms.PowerStateAsync(vm, ct).ConfigureAwait(false);
        if (state == to)
        {
            return;
        }

        if (state != from)
        {
            throw new InstancePowerStateException(instanceId, XenApiFailureMapper.ToPowerState(state.ToString()), operation);
        }

        try
        {
            await call(vm, ct).ConfigureAwait(false);
        }
        catch (XenApiFailure f) when (f.Code == XenApiErrorCodes.VmBadPowerState)
        {
            if (await vms.PowerStateAsync(vm, ct).ConfigureAwait(false) != to)
            {
                throw;
            }
        }
    }

    /// <summary>Hard shutdown; a VM that halted by itself meanwhile (a late clean shutdown) counts as done.</summary>
    public async Task HardShutdownAsync(VmRef vm, CancellationToken ct)
    {
        try
        {
            await vms.HardShutdownAsync(vm, ct).ConfigureAwait(false);
        }
        catch (XenApiFailure f) when (f.Code == XenApiErrorCodes.VmBadPowerState)
        {
            if (await vms.PowerStateAsync(vm, ct).ConfigureAwait(false) != VmPowerState.Halted)
            {
                throw;
            }
        }
    }
}
