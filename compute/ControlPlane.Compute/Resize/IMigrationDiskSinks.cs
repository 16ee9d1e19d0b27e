using ControlPlane.Compute.Virt.Contract;

namespace ControlPlane.Compute.Resize;

/// <summary>Creates the disk sink of a migration on the source host (the transport seam: gRPC in the service,
/// <see cref="MigrationDiskSinks"/>).</summary>
public interface IMigrationDiskSinks
{
    /// <summary>The sink sending the disks of <paramref name="migrationId"/> to the destination at <paramref name="endpoint"/>,
    /// authorised by <paramref name="token"/>.</summary>
    IMigrationDiskSink Create(Guid migrationId, string endpoint, string token);
}
