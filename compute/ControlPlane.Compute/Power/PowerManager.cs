using ControlPlane.Compute.Diagnostics;
using ControlPlane.Compute.Manager;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.States;
using ControlPlane.Messaging.Clients;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Power;

/// <summary>
/// The compute side of <c>os-stop</c>, <c>os-start</c> and <c>reboot</c> (Nova's <c>stop_instance</c>,
/// <c>start_instance</c>, <c>reboot_instance</c>): the driver call under the instance's lock, then one
/// compare-and-set report to the conductor. A driver failure clears the task state (vm_state unchanged),
/// records a fault and an Error event. Idempotent for redeliveries: powering off an instance already off
/// and powering on one already running succeed in the driver, and a report of an operation that already
/// ended loses its compare-and-set.
/// </summary>
public sealed class PowerManager(
    IVirtDriver driver,
    ConductorRpcClient conductor,
    InstanceLocks locks,
    IOptions<ComputeOptions> options,
    IOptions<PowerOptions> powerOptions,
    ILogger<PowerManager> logger)
{
    private readonly string _host = options.Value.Host;

    /// <summary>stop_instance: clean shutdown bounded by <see cref="PowerOptions.ShutdownTimeout"/>, then stopped.</summary>
    public Task StopInstanceAsync(StopInstance message, CancellationToken cancellationToken) =>
        RunAsync("stop", message.Instance, TaskState.PoweringOff, PowerReports.StopEvent,
            (instance, ct) => driver.PowerOffAsync(instance, powerOptions.Value.ShutdownTimeout, ct),
            id => PowerReports.Stopped(id, _host), cancellationToken);

    /// <summary>start_instance: power on, then active.</summary>
    public Task StartInstanceAsync(StartInstance message, CancellationToken cancellationToken) =>
        RunAsync("start", message.Instance, TaskState.PoweringOn, PowerReports.StartEvent,
            driver.PowerOnAsync,
            id => PowerReports.Running(id, _host, TaskState.PoweringOn, PowerReports.StartEvent), cancellationToken);

    /// <summary>reboot_instance: soft or hard reboot, then active.</summary>
    public Task RebootInstanceAsync(RebootInstance message, CancellationToken cancellationToken)
    {
        var taskState = message.Hard ? TaskState.RebootingHard : TaskState.Rebooting;
        return RunAsync(message.Hard ? "hard reboot" : "reboot", message.Instance, taskState, PowerReports.RebootEvent,
            (instance, ct) => driver.RebootAsync(instance, message.Hard, ct),
            id => PowerReports.Running(id, _host, taskState, PowerReports.RebootEvent), cancellationToken);
    }

    private async Task RunAsync(
        string action, InstanceSpec spec, string taskState, string eventName,
        Func<VirtInstance, CancellationToken, Task> operation, Func<Guid, InstanceUpdate> success, CancellationToken cancellationToken)
    {
        var id = InstanceMapper.ParseId(spec);
        using var scope = logger.InstanceScope(id);
        using var held = await locks.AcquireAsync(id, cancellationToken).ConfigureAwait(false);
        var instance = InstanceMapper.ToVirt(spec, requireFlavor: false);
        logger.PowerActionStarted(action, instance.InstanceName);
        try
        {
            await operation(instance, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.PowerActionFailed(e, action, instance.InstanceName);
            var power = await TryGetPowerStateAsync(action, instance, cancellationToken).ConfigureAwait(false);
            var failed = PowerReports.Failed(id, _host, taskState, eventName, InstanceReports.Fault(e, _host), power);
            await conductor.InstanceUpdateAsync(failed, cancellationToken).ConfigureAwait(false);
            return;
        }

        await conductor.InstanceUpdateAsync(success(id), cancellationToken).ConfigureAwait(false);
        logger.PowerActionSucceeded(action, instance.InstanceName);
    }

    private async Task<DriverPowerState?> TryGetPowerStateAsync(string action, VirtInstance instance, CancellationToken cancellationToken)
    {
        try
        {
            return await driver.GetPowerStateAsync(instance, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.PowerStateUnreadable(e, action, instance.InstanceName);
            return null;
        }
    }
}
