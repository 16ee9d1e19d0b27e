using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;

namespace ControlPlane.Compute.Virt.Fake;

/// <summary>
/// FakeDriver's rebuild (the same contract as the XenAPI driver's: the same VM, a new root disk of the new image, booted
/// again when asked) and its console log (<see cref="FakeConsoleLog"/>, one per VM). Like spawn, it never reads image bits.
/// </summary>
public sealed partial class FakeDriver : IRebuildDriver, IConsoleLogDriver
{
    /// <inheritdoc />
    public Task RebuildAsync(VirtInstance instance, IImageSource images, bool powerOn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(images);
        ValidateFlavor(instance);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var vm = Find(instance);
            if (StateOf(vm) != RescueState.NotRescued)
            {
                throw new InstanceRescueModeException(instance.InstanceId, rescued: true);
            }

            vm.Power = DriverPowerState.Shutdown;
            vm.Instance = instance;
            if (ShouldFail(instance))
            {
                throw new DriverOperationException($"Injected spawn failure for {instance.InstanceName} while rebuilding.");
            }

            vm.Power = powerOn ? DriverPowerState.Running : DriverPowerState.Shutdown;
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<string> GetConsoleOutputAsync(VirtInstance instance, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(Find(instance).ConsoleLog.Text);
        }
    }

    /// <summary>The image the instance's root disk was last built from, or null when unknown (for tests).</summary>
    public Guid? ImageOf(Guid instanceId)
    {
        lock (_gate)
        {
            return _vms.GetValueOrDefault(instanceId)?.Instance.ImageId;
        }
    }
}
