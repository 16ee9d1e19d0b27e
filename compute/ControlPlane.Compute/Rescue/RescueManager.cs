using ControlPlane.Compute.Diagnostics;
using ControlPlane.Compute.Manager;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Power;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.States;
using ControlPlane.Messaging.Clients;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Rescue;

/// <summary>
/// The compute side of <c>rescue</c> and <c>unrescue</c> (Nova's <c>rescue_instance</c>, <c>unrescue_instance</c>,
/// reference E.5): the driver work (<see cref="RescueSteps"/>) under the instance's lock, then one compare-and-set report
/// with the action event. A failed rescue is rolled back by the driver, so it clears the task (vm_state unchanged) with
/// a fault; a failed unrescue leaves the instance in error with a fault (Nova's error-out). Redeliveries: a rescue of an
/// instance already rescued fails its compare-and-set; an unrescue of one no longer rescued only powers it on.
/// </summary>
public sealed class RescueManager(
    IVirtDriver driver, RescueSteps steps, ConductorRpcClient conductor, InstanceLocks locks, IOptions<ComputeOptions> options,
    TimeProvider clock, ILogger<RescueManager> logger)
{
    private readonly string host = options.Value.Host;

    /// <summary>rescue_instance: rescued/none with launched_at now.</summary>
    public async Task RescueInstanceAsync(RescueInstance message, CancellationToken cancellationToken)
    {
        var imageId = Guid.TryParse(message.RescueImageId, out var parsed) ? parsed : Guid.Empty;
        await RunAsync("rescue", message.Instance, TaskState.Rescuing, RescueReports.RescueEvent, async (instance, ct) =>
        {
            var power = await steps.RescueAsync(instance, imageId, ct).ConfigureAwait(false);
            var update = RescueReports.Rescued(instance.InstanceId, host, power, clock.GetUtcNow());
            (update.Event, update.EventResult) = (RescueReports.RescueEvent, "Success");
            return update;
        }, errorOut: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>unrescue_instance: active/none.</summary>
    public Task UnrescueInstanceAsync(UnrescueInstance message, CancellationToken cancellationToken) =>
        RunAsync("unrescue", message.Instance, TaskState.Unrescuing, RescueReports.UnrescueEvent, async (instance, ct) =>
        {
            var power = await steps.UnrescueAsync(instance, powerOn: true, ct).ConfigureAwait(false);
            var update = RescueReports.Unrescued(instance.InstanceId, host, TaskState.Unrescuing, power);
            (update.Event, update.EventResult) = (RescueReports.UnrescueEvent, "Success");
            return update;
        }, errorOut: true, cancellationToken);

    private async Task RunAsync(string action, InstanceSpec spec, string taskState, string eventName,
        Func<VirtInstance, CancellationToken, Task<InstanceUpdate>> operation, bool errorOut, CancellationToken cancellationToken)
    {
        var id = InstanceMapper.ParseId(spec);
        using var scope = logger.InstanceScope(id);
        using var held = await locks.AcquireAsync(id, cancellationToken).ConfigureAwait(false);
        var instance = InstanceMapper.ToVirt(spec, requireFlavor: true);
        logger.PowerActionStarted(action, instance.InstanceName);
        InstanceUpdate done;
        try
        {
            done = await operation(instance, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.PowerActionFailed(e, action, instance.InstanceName);
            DriverPowerState? power = null;
            try
            {
                power = await driver.GetPowerStateAsync(instance, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception read) when (read is not OperationCanceledException)
            {
                logger.PowerStateUnreadable(read, action, instance.InstanceName);
            }

            var failed = PowerReports.Failed(id, host, taskState, eventName, InstanceReports.Fault(e, host), power);
            if (errorOut)
            {
                failed.VmState = VmState.Error;
            }

            await conductor.InstanceUpdateAsync(failed, cancellationToken).ConfigureAwait(false);
            return;
        }

        await conductor.InstanceUpdateAsync(done, cancellationToken).ConfigureAwait(false);
        logger.PowerActionSucceeded(action, instance.InstanceName);
    }
}
