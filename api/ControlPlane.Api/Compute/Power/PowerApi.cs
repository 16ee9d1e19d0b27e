using ControlPlane.Api.Compute.Consoles;
using ControlPlane.Api.Compute.Servers;
using ControlPlane.Api.Identity;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Context;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.States;
using ControlPlane.Messaging.Clients;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.Power;

/// <summary>
/// The service-API side of <c>os-stop</c>, <c>os-start</c> and <c>reboot</c> (Nova's <c>compute/api.py</c>
/// stop/start/reboot): state checks, compare-and-set of the task state, the instance action, the cast to
/// the instance's host. A failed cast puts the task state back (the operation never started).
/// </summary>
public sealed class PowerApi(
    ComputeApi servers,
    InstanceStateStore states,
    InstanceWriter writer,
    ComputeRpcClient compute,
    ConsoleRevocation consoles,
    TimeProvider timeProvider,
    ILogger<PowerApi> logger)
{
    /// <summary>os-stop: active|error/none → powering-off.</summary>
    public async Task StopAsync(RequestPrincipal principal, string serverId, CancellationToken cancellationToken)
    {
        var instance = await servers.GetAsync(principal, serverId, cancellationToken);
        PowerStateChecks.EnsureCanStop(instance, principal.IsAdmin);
        await BeginAsync(principal, instance, "stop", [null], TaskState.PoweringOff, cancellationToken);
        await CastAsync(instance, "stop", TaskState.PoweringOff,
            host => compute.StopInstanceAsync(host, new StopInstance { Instance = ComputeApi.ToSpec(instance, TaskState.PoweringOff) }, CancellationToken.None));
        await consoles.RevokeAfterAsync(instance.Id, "stop");
    }

    /// <summary>os-start: stopped/none → powering-on.</summary>
    public async Task StartAsync(RequestPrincipal principal, string serverId, CancellationToken cancellationToken)
    {
        var instance = await servers.GetAsync(principal, serverId, cancellationToken);
        PowerStateChecks.EnsureCanStart(instance, principal.IsAdmin);
        await BeginAsync(principal, instance, "start", [null], TaskState.PoweringOn, cancellationToken);
        await CastAsync(instance, "start", TaskState.PoweringOn,
            host => compute.StartInstanceAsync(host, new StartInstance { Instance = ComputeApi.ToSpec(instance, TaskState.PoweringOn) }, CancellationToken.None));
    }

    /// <summary>reboot: SOFT (active/none → rebooting) or HARD (Nova's ALLOW_HARD_REBOOT states → rebooting_hard).</summary>
    public async Task RebootAsync(RequestPrincipal principal, string serverId, bool hard, CancellationToken cancellationToken)
    {
        var instance = await servers.GetAsync(principal, serverId, cancellationToken);
        var expected = PowerStateChecks.EnsureCanReboot(instance, principal.IsAdmin, hard);
        var taskState = hard ? TaskState.RebootingHard : TaskState.Rebooting;
        await BeginAsync(principal, instance, "reboot", expected, taskState, cancellationToken);
        await CastAsync(instance, "reboot", taskState,
            host => compute.RebootInstanceAsync(host, new RebootInstance { Instance = ComputeApi.ToSpec(instance, taskState), Hard = hard }, CancellationToken.None));
    }

    private async Task BeginAsync(RequestPrincipal principal, InstanceRecord instance, string action, IReadOnlyList<string?> expected, string taskState, CancellationToken cancellationToken)
    {
        var requestId = RequestContext.Current ?? RequestContext.NewId();
        try
        {
            await writer.BeginActionAsync(instance.Id, new TaskStateTransition { ExpectedTaskStates = expected, TaskState = taskState },
                action, requestId, principal.UserId, principal.ProjectId, timeProvider.GetUtcNow(), cancellationToken);
        }
        catch (UnexpectedTaskStateException e)
        {
            throw PowerStateChecks.Invalid(action, instance.Id, "task_state", e.Actual);
        }
    }

    private async Task CastAsync(InstanceRecord instance, string action, string taskState, Func<string, Task> cast)
    {
        var host = instance.Host!;
        try
        {
            await cast(host);
        }
        catch (ServiceUnavailableException e)
        {
            PowerApiLog.PowerActionCastFailed(logger, e, action, instance.Id, host);
            await states.ApplyAsync(instance.Id, new TaskStateTransition { ExpectedTaskStates = [taskState], TaskState = null }, null, CancellationToken.None);
            throw;
        }
        PowerApiLog.PowerActionRequested(logger, action, instance.Id, host);
    }
}
