using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Shelve;

/// <summary>
/// The offload both a shelve (with <c>shelved_offload_time</c> 0) and a shelve offload end with (Nova's
/// <c>_shelve_offload_instance</c>): power the VM off hard and destroy it with its own disks; the report then says
/// shelved_offloaded, no power state, offloaded (the conductor clears host and node and releases the claim).
/// </summary>
public sealed class ShelveSteps(IVirtDriver driver)
{
    /// <summary>Removes the instance from this host (idempotent: an instance already gone is offloaded).</summary>
    public async Task OffloadAsync(VirtInstance instance, ILogger logger, CancellationToken cancellationToken)
    {
        var wasKnown = (await driver.ListInstancesAsync(cancellationToken).ConfigureAwait(false)).Contains(instance.InstanceId);
        if (wasKnown)
        {
            await driver.PowerOffAsync(instance, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        await driver.DestroyAsync(instance, cancellationToken).ConfigureAwait(false);
        logger.Offloaded(instance.InstanceName, wasKnown);
    }

    /// <summary>Marks <paramref name="report"/> as the end of an offload.</summary>
    public static void CompleteOffloaded(InstanceUpdate report)
    {
        ArgumentNullException.ThrowIfNull(report);
        report.VmState = VmState.ShelvedOffloaded;
        report.PowerState = (int)PowerState.NoState;
        report.Offloaded = true;
    }
}
