namespace ControlPlane.Scheduler.Conductor;

/// <summary>One sweep over builds stuck on down hosts (implemented by <see cref="ConductorManager"/>).</summary>
public interface IStuckBuildSweeper
{
    /// <summary>Settles the stuck builds this replica could lock; returns how many.</summary>
    Task<int> SweepAsync(CancellationToken ct);
}
