namespace ControlPlane.Api.Compute.Resize;

/// <summary>A parsed <c>resize</c> or <c>migrate</c> body.</summary>
/// <param name="FlavorRef">The new flavor id (null for a cold migration: the same flavor).</param>
/// <param name="AutoDiskConfig"><c>OS-DCF:diskConfig</c>: true for AUTO, false for MANUAL, null when absent.</param>
/// <param name="TargetHost">Migrate to this host (2.56); null = the scheduler chooses.</param>
public sealed record ResizeRequest(string? FlavorRef, bool? AutoDiskConfig, string? TargetHost);
