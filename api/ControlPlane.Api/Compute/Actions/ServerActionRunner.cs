using ControlPlane.Api.Compute.Consoles;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Policy;
using ControlPlane.Domain.Context;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.Actions;

/// <summary>
/// Runs one server action the same way for every action and transport (Nova's <c>compute/api.py</c>
/// decorators, once): loads the instance once (404 for another project's or a non-UUID id), authorises the
/// definition's policy rule on the instance's project, checks lock, host, vm_state / task_state and the
/// host's driver feature (<see cref="ServerActionChecks"/>) before anything is written, runs the action's
/// pre-work, sets the task state by compare-and-set together with the instance action row, casts, and puts
/// the task state back (and undoes the pre-work) when the cast cannot be sent.
/// </summary>
public sealed class ServerActionRunner(IServerActionStore store, IComputePolicy policy, IConsoleRevocation consoles, ILogger<ServerActionRunner> logger)
{
    /// <summary>Runs <paramref name="call"/> on server <paramref name="serverId"/>; returns the context it ran with.</summary>
    public Task<ServerActionContext> RunAsync(RequestPrincipal principal, string serverId, ServerActionCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return RunAsync(principal, serverId, () => Task.FromResult(call), cancellationToken);
    }

    /// <summary>
    /// Runs the call <paramref name="resolve"/> returns on server <paramref name="serverId"/>. <paramref name="resolve"/> is
    /// called once the instance was found, so a server the caller cannot see is 404 whatever the request body.
    /// </summary>
    public async Task<ServerActionContext> RunAsync(RequestPrincipal principal, string serverId, Func<Task<ServerActionCall>> resolve, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(resolve);
        var instance = await store.LoadAsync(principal, serverId, cancellationToken);
        var call = await resolve();
        var operation = call.Operation;
        policy.Authorize(operation.Policy, principal, instance.ProjectId);
        ServerActionChecks.Ensure(operation, instance, principal.IsAdmin);

        var context = new ServerActionContext(principal, instance, operation, RequestContext.Current ?? RequestContext.NewId());
        await call.PrepareAsync(context, cancellationToken);
        await BeginAsync(context, call, cancellationToken);
        try
        {
            await call.CastAsync(context, CancellationToken.None);
        }
        catch (ServiceUnavailableException e)
        {
            ServerActionLog.CastFailed(logger, e, operation.Name, instance.Id, instance.Host ?? string.Empty);
            if (operation.InitialTaskState is { } taskState)
            {
                await store.RevertAsync(instance.Id, taskState, CancellationToken.None);
            }
            await call.RollBackAsync(context, "cast failed");
            throw;
        }
        ServerActionLog.Requested(logger, operation.Name, instance.Id, instance.Host ?? string.Empty);
        if (operation.RevokesConsoles)
        {
            await consoles.RevokeAfterAsync(instance.Id, operation.Name);
        }
        return context;
    }

    private async Task BeginAsync(ServerActionContext context, ServerActionCall call, CancellationToken cancellationToken)
    {
        var (_, instance, operation, _) = context;
        // NOTE(api): a definition allowing any task state expects the one read, so a change since the read loses.
        IReadOnlyList<string?> expected = operation.AllowedTaskStates.Count > 0 ? operation.AllowedTaskStates : [instance.TaskState];
        try
        {
            await store.BeginAsync(context, expected, operation.InitialTaskState, cancellationToken);
        }
        catch (UnexpectedTaskStateException e)
        {
            await call.RollBackAsync(context, "task state changed");
            throw ServerActionChecks.Invalid(operation.Name, instance.Id, "task_state", e.Actual);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            await call.RollBackAsync(context, "action could not start");
            throw;
        }
    }
}
