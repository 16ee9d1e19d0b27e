using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.PauseSuspend;

/// <summary>pause_instance, unpause_instance, suspend_instance and resume_instance: each one driver call
/// (XenAPI <c>VM.pause</c>, <c>VM.unpause</c>, <c>VM.suspend</c> which writes the suspend image,
/// <c>VM.resume(vm, false, false)</c> which removes it).</summary>
public static class PauseSuspendCalls
{
    /// <summary>pause_instance: paused / Paused.</summary>
    public static readonly DriverCall<PauseInstance, IPauseDriver> Pause =
        new(InstanceOperations.Pause, m => m.Instance, PowerState.Paused, (d, i, ct) => d.PauseAsync(i, ct));

    /// <summary>unpause_instance: active / Running.</summary>
    public static readonly DriverCall<UnpauseInstance, IPauseDriver> Unpause =
        new(InstanceOperations.Unpause, m => m.Instance, PowerState.Running, (d, i, ct) => d.UnpauseAsync(i, ct));

    /// <summary>suspend_instance: suspended / Suspended.</summary>
    public static readonly DriverCall<SuspendInstance, ISuspendDriver> Suspend =
        new(InstanceOperations.Suspend, m => m.Instance, PowerState.Suspended, (d, i, ct) => d.SuspendAsync(i, ct));

    /// <summary>resume_instance: active / Running.</summary>
    public static readonly DriverCall<ResumeInstance, ISuspendDriver> Resume =
        new(InstanceOperations.Resume, m => m.Instance, PowerState.Running, (d, i, ct) => d.ResumeAsync(i, ct));
}
