namespace ControlPlane.Scheduler.Grains.Groups;

/// <summary>Reads server groups and memberships from the database (the group grain's only source of truth).</summary>
public interface IServerGroupSource
{
    /// <summary>The group, or null when it does not exist (deleted).</summary>
    Task<ServerGroupSnapshot?> LoadAsync(Guid groupId, CancellationToken cancellationToken);

    /// <summary>The group the instance is a member of, or null.</summary>
    Task<Guid?> FindGroupOfAsync(Guid instanceId, CancellationToken cancellationToken);
}
