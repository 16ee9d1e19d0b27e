namespace ControlPlane.Data.Resize;

/// <summary>What the conductor records when it has claimed a destination (status pre-migrating).</summary>
public sealed record NewMigration(
    Guid Uuid, Guid InstanceId, string SourceCompute, string? DestCompute, string? DestHost,
    string OldFlavorId, string NewFlavorId, string OldFlavorJson, string NewFlavorJson, string MigrationType,
    string OldVmState, string? UserId, string? ProjectId, string TransferToken);
