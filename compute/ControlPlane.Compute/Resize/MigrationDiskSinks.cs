using System.Collections.Concurrent;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Protos.Compute.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Resize;

/// <summary>Creates the <see cref="GrpcMigrationDiskSink"/> of a migration; one plain-text HTTP/2 channel per destination
/// endpoint, kept for the process' lifetime.</summary>
public sealed class MigrationDiskSinks(IOptions<ResizeOptions> options) : IMigrationDiskSinks, IDisposable
{
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public IMigrationDiskSink Create(Guid migrationId, string endpoint, string token)
    {
        if (string.IsNullOrEmpty(endpoint) || !Uri.TryCreate("http://" + endpoint, UriKind.Absolute, out var address))
        {
            throw new Domain.Errors.InvalidException($"Migration {migrationId} names no valid destination transfer endpoint ('{endpoint}').");
        }
        var channel = _channels.GetOrAdd(endpoint, _ => GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            MaxSendMessageSize = options.Value.TransferChunkBytes + 1024,
        }));
        return new GrpcMigrationDiskSink(migrationId, new MigrationTransfer.MigrationTransferClient(channel), token, options.Value.TransferChunkBytes);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }
        _channels.Clear();
    }
}
