namespace ControlPlane.Compute.Virt.Contract;

/// <summary>
/// One disk image of an instance sent from the source host to the destination host during a resize or cold
/// migration (see <see cref="IResizeDriver"/>). Disks of one migration form the instance's root chain, sent
/// parents first: the chain's base has no <see cref="ParentIndex"/>, each later member names its parent, and the
/// last one sent (<see cref="IsLeaf"/>) is the disk the VM boots from.
/// </summary>
/// <param name="Index">Position in the migration, 0-based and dense, in sending order.</param>
/// <param name="ParentIndex">The <see cref="Index"/> of the disk this one is a delta on; null for the base.</param>
/// <param name="VirtualSizeBytes">The disk's virtual size as the guest sees it.</param>
/// <param name="IsLeaf">True for the last disk, the one the instance's VM uses (sent after the power-off).</param>
public sealed record MigrationDisk(int Index, int? ParentIndex, long VirtualSizeBytes, bool IsLeaf);
