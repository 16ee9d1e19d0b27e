using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.Consoles;
using ControlPlane.Api.Diagnostics;
using ControlPlane.Api.Identity;
using ControlPlane.Compute.Rpc;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Context;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Api.Compute.Servers;

/// <summary>
/// Deletes a server (<see cref="InstanceOperations.Delete"/>): without a host it is deleted in the database at
/// once; on a host that is down it is deleted locally (Nova's local delete); otherwise its task state becomes
/// <c>deleting</c> (compare-and-set on the state read, with the action row) and the host is told to terminate
/// it. A delete of a server already deleting is accepted and does nothing more.
/// </summary>
public sealed class ServerDeleter(
    ServerReader servers, InstanceWriter writer, ComputeRpcClient compute, ConsoleRevocation consoles, TimeProvider timeProvider, ILogger<ServerDeleter> logger)
{
    /// <summary>Deletes server <paramref name="id"/> for <paramref name="principal"/>.</summary>
    public async Task DeleteAsync(RequestPrincipal principal, string id, CancellationToken cancellationToken)
    {
        // Nova's delete does not expect a task state; ours compares-and-sets on the state read, so a
        // concurrent state change (e.g. a build finishing) is retried on a fresh read, a bounded number of times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await DeleteOnceAsync(principal, id, cancellationToken);
                await consoles.RevokeAfterAsync(ServerActionStore.ParseId(id), "delete");
                return;
            }
            catch (UnexpectedTaskStateException e) when (attempt < 3)
            {
                ServerActionLog.DeleteRetried(logger, e, id, attempt);
            }
        }
    }

    private async Task DeleteOnceAsync(RequestPrincipal principal, string id, CancellationToken cancellationToken)
    {
        var operation = InstanceOperations.Delete;
        var instance = await servers.GetAsync(principal, id, cancellationToken);
        ServerActionChecks.Ensure(operation, instance, principal.IsAdmin);
        if (instance.TaskState == TaskState.Deleting)
        {
            return;
        }
        var now = timeProvider.GetUtcNow();
        var requestId = RequestContext.Current ?? RequestContext.NewId();
        var action = operation.ActionName!;
        if (instance.Host is null)
        {
            await writer.DeleteWithoutHostAsync(instance.Id, instance.TaskState, now, cancellationToken);
            await writer.RecordActionAsync(instance.Id, action, requestId, principal.UserId, principal.ProjectId, now, cancellationToken);
            ApiLog.ServerDeletedLocally(logger, instance.Id);
            return;
        }
        if (instance.HostStatus is "DOWN" or "UNKNOWN")
        {
            // NOTE(api): Nova's local delete. The scheduler's in-memory claim on the host is not released
            // here; it is rebuilt without this instance when the host's grain next activates.
            await writer.DeleteOnDownHostAsync(instance.Id, instance.Host, instance.TaskState, now, cancellationToken);
            await writer.RecordActionAsync(instance.Id, action, requestId, principal.UserId, principal.ProjectId, now, cancellationToken);
            ApiLog.ServerDeletedLocally(logger, instance.Id);
            return;
        }
        await writer.BeginActionAsync(instance.Id, new TaskStateTransition { ExpectedTaskStates = [instance.TaskState], TaskState = operation.InitialTaskState },
            action, requestId, principal.UserId, principal.ProjectId, now, cancellationToken);
        ApiLog.ServerDeleteRequested(logger, instance.Id, instance.Host);
        await compute.TerminateInstanceAsync(instance.Host, new TerminateInstance { Instance = InstanceSpecs.From(instance, operation.InitialTaskState) }, CancellationToken.None);
    }
}
