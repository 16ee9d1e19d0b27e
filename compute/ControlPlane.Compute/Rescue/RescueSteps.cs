using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Rescue;

/// <summary>
/// The driver work of rescue and unrescue, shared by the cast handlers, the rescue timeout and the start-up recovery.
/// Unrescue is idempotent: an instance the driver no longer holds as rescued is only powered on (a redelivered
/// unrescue, or one racing the rescue timeout, ends in the same state).
/// </summary>
public sealed class RescueSteps(IVirtDriver driver, IImageSource images, IOptions<RescueOptions> options)
{
    /// <summary>The driver's rescue capability; a driver without it fails the operation clearly.</summary>
    public IRescueDriver Driver => driver as IRescueDriver
        ?? throw new DriverOperationException($"The {driver.Capabilities.HypervisorType} driver cannot rescue instances.", retryable: false);

    /// <summary>Rescues <paramref name="instance"/> with <paramref name="rescueImageId"/>; returns the power state after.</summary>
    public async Task<DriverPowerState> RescueAsync(VirtInstance instance, Guid rescueImageId, CancellationToken cancellationToken)
    {
        await Driver.RescueAsync(instance, rescueImageId, images, options.Value.ShutdownTimeout, cancellationToken).ConfigureAwait(false);
        return await driver.GetPowerStateAsync(instance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the rescue (or only powers on an instance that is not rescued any more, or powers it off when
    /// <paramref name="powerOn"/> is false); returns the power state after.</summary>
    public async Task<DriverPowerState> UnrescueAsync(VirtInstance instance, bool powerOn, CancellationToken cancellationToken)
    {
        var rescue = Driver;
        if (await rescue.GetRescueStateAsync(instance, cancellationToken).ConfigureAwait(false) != RescueState.NotRescued)
        {
            await rescue.UnrescueAsync(instance, powerOn, cancellationToken).ConfigureAwait(false);
        }
        else if (powerOn)
        {
            await driver.PowerOnAsync(instance, cancellationToken).ConfigureAwait(false);
        }

        return await driver.GetPowerStateAsync(instance, cancellationToken).ConfigureAwait(false);
    }
}
