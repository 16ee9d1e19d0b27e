using ControlPlane.Compute.Manager;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Startup;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Rescue;

/// <summary>
/// Nova's <c>_poll_rescued_instances</c> (reference C.5, later form): every <see cref="RescueOptions.PollInterval"/>, the
/// instances of this host that are rescued, without a task, since longer than <see cref="RescueOptions.RescueTimeout"/>
/// (by <c>launched_at</c>, which the rescue sets) are unrescued under their lock and reported active (a compare-and-set
/// on "no task": a user's unrescue that got there first wins, and its own handler finds the work done). Off when the
/// timeout is 0 (default).
/// </summary>
public sealed class RescueTimeoutService(
    ConductorRpcClient conductor, RescueSteps steps, InstanceLocks locks, ComputeReadiness readiness,
    IOptions<RescueOptions> rescueOptions, IOptions<ComputeOptions> options, TimeProvider clock, ILogger<RescueTimeoutService> logger) : HostPeriodicTask(readiness, clock)
{
    private readonly string host = options.Value.Host;

    /// <summary>One pass: unrescues every timed-out instance of this host; returns how many.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var timeout = rescueOptions.Value.RescueTimeout;
        var now = Clock.GetUtcNow();
        var instances = await conductor.GetHostInstancesAsync(host, cancellationToken).ConfigureAwait(false);
        var done = 0;
        foreach (var spec in instances.Instances.Where(i => i.VmState == VmState.Rescued && i.TaskState.Length == 0 && i.LaunchedAt is not null))
        {
            var launched = spec.LaunchedAt.ToDateTimeOffset();
            if (now - launched <= timeout)
            {
                continue;
            }

            var instance = InstanceMapper.ToVirt(spec, requireFlavor: false);
            try
            {
                RescueLog.TimedOut(logger, instance.InstanceName, launched, timeout);
                using var held = await locks.AcquireAsync(instance.InstanceId, cancellationToken).ConfigureAwait(false);
                var power = await steps.UnrescueAsync(instance, powerOn: true, cancellationToken).ConfigureAwait(false);
                await conductor.InstanceUpdateAsync(RescueRecovery.Unrescued(instance.InstanceId, host, "", power), cancellationToken).ConfigureAwait(false);
                done++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                RescueLog.TimeoutFailed(logger, e, instance.InstanceName);
            }
        }

        return done;
    }

    /// <inheritdoc />
    protected override bool Enabled => rescueOptions.Value.RescueTimeout != TimeSpan.Zero;

    /// <inheritdoc />
    protected override TimeSpan PollInterval => rescueOptions.Value.PollInterval;

    /// <inheritdoc />
    protected override void PassFailed(Exception error) => RescueLog.PassFailed(logger, error);
}
