using ControlPlane.Api.Identity;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Operations;

namespace ControlPlane.Api.Compute.Actions;

/// <summary>The reads and writes of the <see cref="ServerActionRunner"/> (one implementation over PostgreSQL, <see cref="ServerActionStore"/>).</summary>
public interface IServerActionStore
{
    /// <summary>The live instance the caller may see (its project's, or any for admin); 404 otherwise, also for a non-UUID id.</summary>
    Task<InstanceRecord> LoadAsync(RequestPrincipal principal, string serverId, CancellationToken cancellationToken);

    /// <summary>
    /// Starts the action in one transaction: the compare-and-set of the task state from one of
    /// <paramref name="expectedTaskStates"/> to <paramref name="taskState"/> (skipped when it is <c>null</c>) and the
    /// instance action row (skipped when the operation has no action name). A lost compare-and-set is an
    /// <see cref="Domain.Errors.UnexpectedTaskStateException"/> and writes nothing.
    /// </summary>
    Task BeginAsync(ServerActionContext context, IReadOnlyList<string?> expectedTaskStates, string? taskState, CancellationToken cancellationToken);

    /// <summary>Puts the task state back to none when it is still <paramref name="taskState"/> (the operation never started).</summary>
    Task RevertAsync(Guid instanceId, string taskState, CancellationToken cancellationToken);
}
