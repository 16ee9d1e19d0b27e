using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;

namespace ControlPlane.Compute.Virt.Fake;

/// <summary>
/// FakeDriver's rescue: the instance's VM is powered off and bootlocked, and a rescue VM (recorded with its image
/// id) runs in its place; unrescue drops the rescue VM, lifts the bootlock and powers the instance on. Like spawn,
/// it never reads image bits.
/// </summary>
public sealed partial class FakeDriver : IRescueDriver
{
    /// <inheritdoc />
    public Task RescueAsync(VirtInstance instance, Guid rescueImageId, IImageSource images, TimeSpan cleanShutdownTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentOutOfRangeException.ThrowIfLessThan(cleanShutdownTimeout, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var vm = Find(instance);
            if (StateOf(vm) != RescueState.NotRescued)
            {
                throw new InstanceRescueModeException(instance.InstanceId, rescued: true);
            }

            vm.Power = DriverPowerState.Shutdown;
            vm.Bootlocked = true;
            vm.Rescue = (rescueImageId, DriverPowerState.Running);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task UnrescueAsync(VirtInstance instance, bool powerOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var vm = Find(instance);
            if (StateOf(vm) == RescueState.NotRescued)
            {
                throw new InstanceRescueModeException(instance.InstanceId, rescued: false);
            }

            vm.Rescue = null;
            vm.Bootlocked = false;
            vm.Power = powerOn ? DriverPowerState.Running : DriverPowerState.Shutdown;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<RescueState> GetRescueStateAsync(VirtInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        lock (_gate)
        {
            return Task.FromResult(StateOf(Find(instance)));
        }
    }

    /// <summary>The rescue image of a rescued instance, or null (for tests of the compute manager).</summary>
    public Guid? RescueImageOf(Guid instanceId)
    {
        lock (_gate)
        {
            return _vms.GetValueOrDefault(instanceId)?.Rescue?.ImageId;
        }
    }

    private static RescueState StateOf(FakeVm vm) => (vm.Rescue, vm.Bootlocked) switch
    {
        (null, false) => RescueState.NotRescued,
        ({ Power: DriverPowerState.Running }, true) when vm.Power == DriverPowerState.Shutdown => RescueState.Rescued,
        _ => RescueState.Partial,
    };
}
