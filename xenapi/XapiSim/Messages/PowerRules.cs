using ControlPlane.XenApi.Errors;
using XapiSim.State;

namespace XapiSim.Messages;

/// <summary>XAPI's lifecycle checks (xapi_vm_lifecycle.ml): blocked operations first, then the power state.</summary>
internal static class PowerRules
{
    /// <summary><c>OPERATION_BLOCKED [vm, code]</c> when <paramref name="operation"/> is in <c>blocked_operations</c>.</summary>
    public static void CheckNotBlocked(VmObject vm, string operation)
    {
        if (vm.BlockedOperations.TryGetValue(operation, out var code))
        {
            throw new XenApiFailure(XenApiErrorCodes.OperationBlocked, [vm.Ref, code]);
        }
    }

    /// <summary><c>VM_BAD_POWER_STATE [vm, "expected, states", actual]</c>, all lower case.</summary>
    public static void RequireState(VmObject vm, params string[] allowed)
    {
        if (!allowed.Contains(vm.PowerState, StringComparer.Ordinal))
        {
            throw new XenApiFailure(XenApiErrorCodes.VmBadPowerState,
                [vm.Ref, string.Join(", ", allowed.Select(s => s.ToLowerInvariant())), vm.PowerState.ToLowerInvariant()]);
        }
    }

    /// <summary>The control domain cannot be driven through the VM lifecycle calls.</summary>
    public static void RequireGuest(VmObject vm, string operation)
    {
        if (vm.IsControlDomain)
        {
            throw new XenApiFailure(XenApiErrorCodes.OperationNotAllowed, [$"{operation} is not allowed on the control domain"]);
        }
    }

    /// <summary>The full guard of a lifecycle operation.</summary>
    public static void Check(VmObject vm, string operation, params string[] allowed)
    {
        RequireGuest(vm, operation);
        CheckNotBlocked(vm, operation);
        RequireState(vm, allowed);
    }
}
