using ControlPlane.Api.Identity;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.Compute.Actions;

/// <summary>The runner's reads and writes over <see cref="InstanceRepository"/>, <see cref="InstanceWriter"/> and <see cref="InstanceStateStore"/>.</summary>
public sealed class ServerActionStore(InstanceRepository instances, InstanceWriter writer, InstanceStateStore states, TimeProvider timeProvider)
    : IServerActionStore
{
    /// <inheritdoc />
    public Task<InstanceRecord> LoadAsync(RequestPrincipal principal, string serverId, CancellationToken cancellationToken) =>
        instances.GetAsync(ParseId(serverId), principal.IsAdmin ? null : principal.ProjectId, includeDeleted: false, cancellationToken);

    /// <inheritdoc />
    public async Task BeginAsync(ServerActionContext context, IReadOnlyList<string?> expectedTaskStates, string? taskState, CancellationToken cancellationToken)
    {
        var (principal, instance, operation, requestId) = context;
        var now = timeProvider.GetUtcNow();
        if (taskState is not null)
        {
            var transition = new TaskStateTransition { ExpectedTaskStates = expectedTaskStates, TaskState = taskState };
            if (operation.ActionName is { } action)
            {
                await writer.BeginActionAsync(instance.Id, transition, action, requestId, principal.UserId, principal.ProjectId, now, cancellationToken);
            }
            else
            {
                await states.ApplyAsync(instance.Id, transition, null, cancellationToken);
            }
        }
        else if (operation.ActionName is { } action)
        {
            await writer.RecordActionAsync(instance.Id, action, requestId, principal.UserId, principal.ProjectId, now, cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task RevertAsync(Guid instanceId, string taskState, CancellationToken cancellationToken) =>
        states.ApplyAsync(instanceId, new TaskStateTransition { ExpectedTaskStates = [taskState], TaskState = null }, null, cancellationToken);

    /// <summary>The instance id of <paramref name="id"/> (UUID with or without dashes); 404 for anything else, as Nova.</summary>
    public static Guid ParseId(string id) =>
        Guid.TryParseExact(id, "D", out var g) || Guid.TryParseExact(id, "N", out g) ? g : throw new NotFoundException($"Instance {id} could not be found.");
}
