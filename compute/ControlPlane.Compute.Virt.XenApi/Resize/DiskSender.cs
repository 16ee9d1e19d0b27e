using System.Diagnostics;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Connection;
using ControlPlane.XenApi.Http;
using ControlPlane.XenApi.Refs;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Virt.XenApi.Resize;

/// <summary>
/// Sends one VDI of a migration through the sink, straight from XAPI's <c>GET /export_raw_vdi?format=vhd</c> (with
/// <c>base=</c> the parent already sent, so the bytes are the differencing VHD from it): one 1 MiB buffer, no staging
/// file. More bytes than <see cref="Options.XenApiDriverOptions.MaxImageMemberBytes"/>, or fewer than XAPI's
/// Content-Length, is a <see cref="DriverOperationException"/>.
/// </summary>
public sealed class DiskSender(XenApiHost xen, long maxBytes, ILogger logger)
{
    /// <summary>The copy buffer.</summary>
    public const int BufferBytes = 1 << 20;

    /// <summary>Sends <paramref name="vdi"/> as <paramref name="disk"/>. Returns the bytes sent.</summary>
    public async Task<long> SendAsync(Guid instanceId, IMigrationDiskSink sink, MigrationDisk disk, VdiRef vdi, VdiRef? parent, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        long sent = 0;
        await sink.SendAsync(disk, async (output, token) =>
        {
            var (body, length) = await xen.Session.Transfers.OpenExportAsync(vdi, VdiTransferFormat.Vhd, parent, token).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var buffer = new byte[BufferBytes];
                while (true)
                {
                    int n;
                    try
                    {
                        n = await body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, token).ConfigureAwait(false);
                    }
                    catch (IOException e)
                    {
                        throw new DriverOperationException($"export of migration disk {disk.Index} from XAPI failed: {e.Message}", e);
                    }

                    if (n == 0)
                    {
                        break;
                    }

                    sent += n;
                    if (sent > maxBytes)
                    {
                        throw new DriverOperationException($"export of migration disk {disk.Index} is larger than {maxBytes} bytes", retryable: false);
                    }

                    await output.WriteAsync(buffer.AsMemory(0, n), token).ConfigureAwait(false);
                }
            }

            if (length is { } announced && announced != sent)
            {
                throw new DriverOperationException($"export of migration disk {disk.Index} ended after {sent} of {announced} bytes");
            }
        }, ct).ConfigureAwait(false);
        ResizeLog.DiskSent(logger, instanceId, sink.MigrationId, disk.Index, await xen.Session.Vdi.GetUuidAsync(vdi, ct).ConfigureAwait(false),
            disk.IsLeaf, sent, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return sent;
    }
}
