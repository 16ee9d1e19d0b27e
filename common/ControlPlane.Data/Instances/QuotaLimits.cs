namespace ControlPlane.Data.Instances;

/// <summary>Per-project hard limits checked when creating a server (-1 = unlimited).</summary>
public sealed record QuotaLimits(int Instances, int Cores, int RamMb);
