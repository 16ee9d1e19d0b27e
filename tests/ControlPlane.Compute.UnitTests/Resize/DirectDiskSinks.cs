using ControlPlane.Compute.Resize;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;

namespace ControlPlane.Compute.UnitTests.Resize;

/// <summary>The transport seam for tests: disks go straight to the destination fixture's driver, authorised by the
/// destination's <see cref="IncomingMigrations"/> like the gRPC receiver does.</summary>
internal sealed class DirectDiskSinks(IResizeDriver destination, IncomingMigrations incoming) : IMigrationDiskSinks
{
    public IMigrationDiskSink Create(Guid migrationId, string endpoint, string token) => new Sink(migrationId, destination, incoming, token);

    private sealed class Sink(Guid migrationId, IResizeDriver destination, IncomingMigrations incoming, string token) : IMigrationDiskSink
    {
        public Guid MigrationId => migrationId;

        public async Task SendAsync(MigrationDisk disk, Func<Stream, CancellationToken, Task> writeDisk, CancellationToken cancellationToken)
        {
            var instance = incoming.Authorize(migrationId, token) ?? throw new DriverOperationException("not authorised");
            using var buffer = new MemoryStream();
            await writeDisk(buffer, cancellationToken);
            buffer.Position = 0;
            await destination.ReceiveDiskAsync(migrationId, instance, disk, buffer, cancellationToken);
        }
    }
}
