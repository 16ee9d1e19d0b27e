namespace ControlPlane.Scheduler.Grains.Hosts;

/// <summary>Loads a host's persisted capacity and placements, so a grain activation rebuilds its claims.</summary>
public interface IHostClaimSource
{
    /// <summary>The host's totals from <c>compute_nodes</c> and the non-deleted instances whose host it is.</summary>
    Task<HostClaims> LoadAsync(string host, CancellationToken cancellationToken);
}
