using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Protos.Compute.V1;
using Grpc.Core;

namespace ControlPlane.Compute.Resize;

/// <summary>
/// The source compute's <see cref="IMigrationDiskSink"/>: each disk is one client-streaming <c>SendDisk</c> call to the
/// destination compute (header with the migration's one-time token, data as the driver writes it, trailer with byte
/// count and SHA-256); the destination's receipt must repeat both. Hypervisor credentials never leave this host.
/// </summary>
public sealed class GrpcMigrationDiskSink(Guid migrationId, MigrationTransfer.MigrationTransferClient client, string token, int chunkBytes)
    : IMigrationDiskSink
{
    /// <inheritdoc />
    public Guid MigrationId => migrationId;

    /// <inheritdoc />
    public async Task SendAsync(MigrationDisk disk, Func<Stream, CancellationToken, Task> writeDisk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(disk);
        ArgumentNullException.ThrowIfNull(writeDisk);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var call = client.SendDisk(cancellationToken: abort.Token);
        try
        {
            var header = new DiskHeader
            {
                MigrationId = migrationId.ToString("D"), Token = token, Index = disk.Index, VirtualSizeBytes = disk.VirtualSizeBytes, IsLeaf = disk.IsLeaf,
            };
            if (disk.ParentIndex is { } parent)
            {
                header.ParentIndex = parent;
            }
            await call.RequestStream.WriteAsync(new DiskChunk { Header = header }, cancellationToken).ConfigureAwait(false);
            await using var stream = new TransferWriteStream(call.RequestStream, chunkBytes);
            try
            {
                await writeDisk(stream, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                // The destination sees the call cancelled without a trailer and discards the disk.
                await abort.CancelAsync().ConfigureAwait(false);
                throw;
            }
            var (length, sha) = await stream.FinishAsync(cancellationToken).ConfigureAwait(false);
            await call.RequestStream.WriteAsync(new DiskChunk { Trailer = new DiskTrailer { Length = length, Sha256 = Google.Protobuf.ByteString.CopyFrom(sha) } },
                cancellationToken).ConfigureAwait(false);
            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            var receipt = await call.ResponseAsync.ConfigureAwait(false);
            if (receipt.Length != length || !receipt.Sha256.Span.SequenceEqual(sha))
            {
                throw new DriverOperationException(
                    $"Disk {disk.Index} of migration {migrationId}: the destination received {receipt.Length} bytes with another digest than the {length} sent.");
            }
        }
        catch (RpcException e)
        {
            throw new DriverOperationException($"Disk {disk.Index} of migration {migrationId} was refused by the destination: {e.Status.Detail}", e);
        }
    }
}
