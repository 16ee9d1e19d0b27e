using ControlPlane.Scheduler.Data;

namespace ControlPlane.Scheduler.Scheduling;

/// <summary>Where the scheduler gets its candidate compute services (the <c>services</c> table in production).</summary>
public interface IComputeServiceSource
{
    /// <summary>Every compute service that has reported capacity at least once.</summary>
    Task<IReadOnlyList<ComputeService>> ListComputeServicesAsync(CancellationToken ct);
}
