using ControlPlane.Domain.Operations;

namespace ControlPlane.Api.Compute.Actions;

/// <summary>
/// One parsed request of a server action: the operation definition it runs (which may depend on the
/// input, e.g. reboot SOFT or HARD), optional pre-work and its undo, and the cast. The runner calls
/// <see cref="PrepareAsync"/> after every check, then starts the action, then <see cref="CastAsync"/>;
/// <see cref="RollBackAsync"/> undoes the pre-work when the action could not start or the cast failed.
/// </summary>
public abstract class ServerActionCall
{
    /// <summary>The operation definition: states, task-state sequence, action name, driver feature, policy rule.</summary>
    public abstract InstanceOperation Operation { get; }

    /// <summary>Work before the task state is set (e.g. createImage's image record); nothing by default.</summary>
    public virtual Task PrepareAsync(ServerActionContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Sends the operation on (the cast to the instance's host); a <see cref="Domain.Errors.ServiceUnavailableException"/> means it was not sent.</summary>
    public abstract Task CastAsync(ServerActionContext context, CancellationToken cancellationToken);

    /// <summary>Undoes <see cref="PrepareAsync"/> (never throws for a failed undo: it logs); nothing by default.</summary>
    public virtual Task RollBackAsync(ServerActionContext context, string reason) => Task.CompletedTask;
}
