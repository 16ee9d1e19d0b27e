using System.IO.Pipelines;
using System.Security.Cryptography;
using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Protos.Compute.V1;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Resize;

/// <summary>
/// The destination compute's disk receiver (<c>controlplane.compute.v1.MigrationTransfer</c>): the header's token must be
/// the one prep_resize registered for the migration (<see cref="IncomingMigrations"/>, else PermissionDenied); data is
/// piped to the driver's <see cref="IResizeDriver.ReceiveDiskAsync"/> as it arrives (a bounded pipe: flat memory, no
/// staging file), counted and hashed; the disk is accepted only when count and SHA-256 equal the trailer, otherwise
/// (or on any failure, or a stream that ends without a trailer) every disk received for the migration is discarded
/// with <see cref="IResizeDriver.AbortIncomingMigrationAsync"/> and the call fails.
/// </summary>
public sealed class MigrationTransferService(IVirtDriver driver, IncomingMigrations incoming, ILogger<MigrationTransferService> logger)
    : MigrationTransfer.MigrationTransferBase
{
    private const long PauseBytes = 4 * 1024 * 1024;

    /// <inheritdoc />
    public override async Task<DiskReceipt> SendDisk(IAsyncStreamReader<DiskChunk> requestStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        var ct = context.CancellationToken;
        if (!await requestStream.MoveNext(ct).ConfigureAwait(false) || requestStream.Current.PartCase != DiskChunk.PartOneofCase.Header)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "A disk stream starts with its header."));
        }
        var header = requestStream.Current.Header;
        if (!Guid.TryParse(header.MigrationId, out var migrationId) || incoming.Authorize(migrationId, header.Token) is not { } instance)
        {
            ResizeLog.DiskRefused(logger, migrationId, "unknown migration or wrong token");
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"Migration {header.MigrationId} is not accepted here with that token."));
        }
        var resize = FeatureDrivers.Require<IResizeDriver>(driver);
        var disk = new MigrationDisk(header.Index, header.HasParentIndex ? header.ParentIndex : null, header.VirtualSizeBytes, header.IsLeaf);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: PauseBytes, resumeWriterThreshold: PauseBytes / 2, useSynchronizationContext: false));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var receive = ReceiveAsync(resize, migrationId, instance, disk, pipe.Reader, stop.Token);
        long length = 0;
        DiskTrailer? trailer = null;
        byte[] digest = [];
        try
        {
            while (trailer is null && await requestStream.MoveNext(ct).ConfigureAwait(false))
            {
                var chunk = requestStream.Current;
                switch (chunk.PartCase)
                {
                    case DiskChunk.PartOneofCase.Data:
                        hash.AppendData(chunk.Data.Span);
                        length += chunk.Data.Length;
                        await pipe.Writer.WriteAsync(chunk.Data.Memory, ct).ConfigureAwait(false);
                        break;
                    case DiskChunk.PartOneofCase.Trailer:
                        trailer = chunk.Trailer;
                        break;
                    default:
                        throw new RpcException(new Status(StatusCode.InvalidArgument, "Only data and one trailer may follow the header."));
                }
            }
            if (trailer is null)
            {
                throw new RpcException(new Status(StatusCode.Aborted, "The disk stream ended without its trailer (the source aborted)."));
            }
            await pipe.Writer.CompleteAsync().ConfigureAwait(false);
            await receive.ConfigureAwait(false);
            digest = hash.GetHashAndReset();
            if (trailer.Length != length || !trailer.Sha256.Span.SequenceEqual(digest))
            {
                throw new RpcException(new Status(StatusCode.DataLoss,
                    $"Disk {disk.Index}: received {length} bytes, the source sent {trailer.Length}, or the SHA-256 differs."));
            }
        }
        catch (Exception e)
        {
            ResizeLog.DiskFailed(logger, e, migrationId, disk.Index);
            await stop.CancelAsync().ConfigureAwait(false);
            await pipe.Writer.CompleteAsync(e).ConfigureAwait(false);
            await Task.WhenAny(receive).ConfigureAwait(false);
            await resize.AbortIncomingMigrationAsync(migrationId, CancellationToken.None).ConfigureAwait(false);
            throw e as RpcException ?? new RpcException(new Status(StatusCode.Internal, e.Message));
        }
        ResizeLog.DiskReceived(logger, migrationId, disk.Index, length);
        return new DiskReceipt { Length = length, Sha256 = ByteString.CopyFrom(digest) };
    }

    private static async Task ReceiveAsync(IResizeDriver resize, Guid migrationId, VirtInstance instance, MigrationDisk disk, PipeReader reader, CancellationToken ct)
    {
        await Task.Yield();
        await using var stream = reader.AsStream();
        await resize.ReceiveDiskAsync(migrationId, instance, disk, stream, ct).ConfigureAwait(false);
        // The driver read to the end; anything after it would be a sender bug the count check catches.
    }
}
