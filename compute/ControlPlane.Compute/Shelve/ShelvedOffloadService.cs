using ControlPlane.Compute.Manager;
using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Startup;
using ControlPlane.Conductor.Rpc;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Shelve;

/// <summary>
/// Nova's <c>_poll_shelved_instances</c>: with a positive <see cref="ShelveOptions.ShelvedOffloadTime"/>, every
/// <see cref="ShelveOptions.PollInterval"/> the instances of this host that are shelved without a task since longer than
/// that many seconds (by <c>shelved_at</c>) are offloaded under their lock through <see cref="ShelveOffloadInstanceOperation"/>
/// (its final report is a compare-and-set on "no task": an unshelve that got there first wins, and finds the VM gone
/// and spawns it again from the shelved image on this host). Off for 0 (offloaded by the shelve) and -1 (never).
/// </summary>
public sealed class ShelvedOffloadService(
    ConductorRpcClient conductor, OperationRunner runner, ShelveOffloadInstanceOperation steps, InstanceLocks locks, ComputeReadiness readiness,
    IOptions<ShelveOptions> shelveOptions, IOptions<ComputeOptions> options, TimeProvider clock, ILogger<ShelvedOffloadService> logger) : HostPeriodicTask(readiness, clock)
{
    private readonly string _host = options.Value.Host;

    /// <summary>One pass: offloads every instance of this host shelved for longer than the offload time; returns how many.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var offloadTime = shelveOptions.Value.ShelvedOffloadTime;
        if (offloadTime <= 0)
        {
            return 0;
        }
        var now = Clock.GetUtcNow();
        var instances = await conductor.GetHostInstancesAsync(_host, cancellationToken).ConfigureAwait(false);
        var done = 0;
        foreach (var spec in instances.Instances.Where(i => i.VmState == VmState.Shelved && i.TaskState.Length == 0 && i.ShelvedAt is not null))
        {
            var shelvedAt = spec.ShelvedAt.ToDateTimeOffset();
            if (now - shelvedAt <= TimeSpan.FromSeconds(offloadTime))
            {
                continue;
            }
            try
            {
                logger.OffloadDue(spec.InstanceName, shelvedAt, offloadTime);
                var id = InstanceMapper.ParseId(spec);
                using var held = await locks.AcquireAsync(id, cancellationToken).ConfigureAwait(false);
                await runner.RunHeldAsync(steps, new ShelveOffloadInstance { Instance = spec }, false, cancellationToken).ConfigureAwait(false);
                done++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.OffloadFailed(e, spec.InstanceName);
            }
        }
        return done;
    }

    /// <inheritdoc />
    protected override bool Enabled => shelveOptions.Value.ShelvedOffloadTime > 0;

    /// <inheritdoc />
    protected override TimeSpan PollInterval => shelveOptions.Value.PollInterval;

    /// <inheritdoc />
    protected override void PassFailed(Exception error) => logger.PassFailed(error);
}
