using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;

namespace ControlPlane.Compute.Virt.Fake;

/// <summary>FakeDriver's pause and suspend: power-state transitions with the same rules as XAPI's
/// (pause and suspend from running, unpause from paused, resume from suspended; the target state again is a no-op).</summary>
public sealed partial class FakeDriver : IPauseDriver, ISuspendDriver
{
    /// <inheritdoc />
    public Task PauseAsync(VirtInstance instance, CancellationToken cancellationToken) =>
        Transition(instance, "pause", DriverPowerState.Running, DriverPowerState.Paused, cancellationToken);

    /// <inheritdoc />
    public Task UnpauseAsync(VirtInstance instance, CancellationToken cancellationToken) =>
        Transition(instance, "unpause", DriverPowerState.Paused, DriverPowerState.Running, cancellationToken);

    /// <inheritdoc />
    public Task SuspendAsync(VirtInstance instance, CancellationToken cancellationToken) =>
        Transition(instance, "suspend", DriverPowerState.Running, DriverPowerState.Suspended, cancellationToken);

    /// <inheritdoc />
    public Task ResumeAsync(VirtInstance instance, CancellationToken cancellationToken) =>
        Transition(instance, "resume", DriverPowerState.Suspended, DriverPowerState.Running, cancellationToken);

    private Task Transition(VirtInstance instance, string operation, DriverPowerState from, DriverPowerState to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var vm = Find(instance);
            if (vm.Power != from && vm.Power != to)
            {
                throw new InstancePowerStateException(instance.InstanceId, vm.Power, operation);
            }

            vm.Power = to;
        }

        return Task.CompletedTask;
    }
}
