using ControlPlane.XenApi.Refs;

namespace ControlPlane.Compute.Virt.XenApi.Ops;

/// <summary>A snapshot of an instance's root disk taken by <see cref="SnapshotOps.TakeAsync"/>, after the coalesce wait.</summary>
/// <param name="Root">The VM's root VDI (the live leaf).</param>
/// <param name="Snapshot">The snapshot VDI (the caller destroys it).</param>
/// <param name="Chain">The snapshot's chain, snapshot first, base last.</param>
/// <param name="CoalesceWait">How long the coalesce wait took.</param>
public sealed record RootSnapshot(VdiRef Root, VdiRef Snapshot, IReadOnlyList<VdiRef> Chain, TimeSpan CoalesceWait);
