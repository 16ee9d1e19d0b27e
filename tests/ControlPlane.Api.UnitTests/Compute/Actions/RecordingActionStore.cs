using ControlPlane.Api.Compute.Consoles;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Identity;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Errors;

namespace ControlPlane.Api.UnitTests.Compute.Actions;

/// <summary>Serves one instance and records every write the runner asks for (or loses the compare-and-set when told to).</summary>
public sealed class RecordingActionStore(InstanceRecord instance) : IServerActionStore, IConsoleRevocation
{
    /// <summary>Each console revocation: the instance and the reason.</summary>
    public List<(Guid InstanceId, string Reason)> ConsolesRevoked { get; } = [];

    /// <inheritdoc />
    public Task RevokeAfterAsync(Guid instanceId, string reason)
    {
        ConsolesRevoked.Add((instanceId, reason));
        return Task.CompletedTask;
    }

    /// <summary>Each started action: the expected task states and the task state set.</summary>
    public List<(IReadOnlyList<string?> Expected, string? TaskState, string? Action)> Begun { get; } = [];

    /// <summary>Each task state put back.</summary>
    public List<(Guid InstanceId, string TaskState)> Reverted { get; } = [];

    /// <summary>How many times the instance was loaded.</summary>
    public int Loads { get; private set; }

    /// <summary>When set, the compare-and-set finds this task state instead.</summary>
    public string? LoseCompareAndSetTo { get; init; }

    /// <summary>True when nothing was written.</summary>
    public bool NothingWritten => Begun.Count == 0 && Reverted.Count == 0;

    /// <inheritdoc />
    public Task<InstanceRecord> LoadAsync(RequestPrincipal principal, string serverId, CancellationToken cancellationToken)
    {
        Loads++;
        return serverId == instance.Id.ToString("D")
            ? Task.FromResult(instance)
            : throw new NotFoundException($"Instance {serverId} could not be found.");
    }

    /// <inheritdoc />
    public Task BeginAsync(ServerActionContext context, IReadOnlyList<string?> expectedTaskStates, string? taskState, CancellationToken cancellationToken)
    {
        if (LoseCompareAndSetTo is { } actual)
        {
            throw new UnexpectedTaskStateException(context.Instance.Id.ToString("D"), expectedTaskStates[0], actual);
        }
        Begun.Add((expectedTaskStates, taskState, context.Operation.ActionName));
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task RevertAsync(Guid instanceId, string taskState, CancellationToken cancellationToken)
    {
        Reverted.Add((instanceId, taskState));
        return Task.CompletedTask;
    }
}
