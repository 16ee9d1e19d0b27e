using System.Collections.Concurrent;
using System.IO.Pipelines;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Compute.Virt.XenApi.Connection;
using ControlPlane.Compute.Virt.XenApi.Diagnostics;
using ControlPlane.Compute.Virt.XenApi.Ops;
using ControlPlane.Compute.Virt.XenApi.Options;
using ControlPlane.Vhd.Operations;
using ControlPlane.XenApi.Http;
using ControlPlane.XenApi.Refs;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Virt.XenApi.Images;

/// <summary>
/// Brings an image into the SR: stream the archive from the image source, unpack it defensively into a private
/// staging directory, check and link the VHD chain, then flatten the chain into one dynamic VHD streamed straight
/// into a new VDI through XAPI's <c>PUT /import_raw_vdi?format=vhd</c> (<c>VDI.create</c> first). With the cache on,
/// the VDI is kept per image id and concurrent spawns of one image import it once (a per-image async lock).
/// </summary>
public sealed class ImageImport(XenApiHost xen, VdiOps vdis, XenApiDriverOptions options, string computeHost, TimeProvider clock, ILogger logger)
{
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> locks = new();

    /// <summary>Imports performed so far (not cache hits).</summary>
    public int Imports => imports;

    private int imports;

    /// <summary>The cached VDI of <paramref name="imageId"/>, importing it first if absent.</summary>
    public async Task<VdiRef> EnsureCachedAsync(Guid imageId, IImageSource images, CancellationToken ct)
    {
        var gate = locks.GetOrAdd(imageId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (await vdis.FindCachedAsync(imageId, ct).ConfigureAwait(false) is { } cached)
            {
                XenApiDriverLog.ImageCacheHit(logger, imageId, cached.Record.Uuid);
                return cached.Ref;
            }

            var vdi = await ImportAsync(imageId, images, ct).ConfigureAwait(false);
            await vdis.MarkCachedAsync(vdi, imageId, clock.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
            return vdi;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Imports <paramref name="imageId"/> into a new VDI (marked as an import in progress until the caller re-marks it).
    /// A failed import leaves no VDI behind.
    /// </summary>
    public async Task<VdiRef> ImportAsync(Guid imageId, IImageSource images, CancellationToken ct)
    {
        var started = clock.GetTimestamp();
        var staging = Path.Combine(options.StagingDirectory, $"{imageId:N}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            IReadOnlyList<string> chain;
            long virtualSize;
            await using (var archive = await images.OpenReadAsync(imageId, ct).ConfigureAwait(false))
            {
                try
                {
                    chain = await ChainArchiveExtractor.ExtractAsync(archive, staging, new ArchiveLimits(options.MaxImageMemberBytes, options.MaxImageTotalBytes), ct).ConfigureAwait(false);
                    virtualSize = VhdChainValidator.ValidateAndLink(chain, clock);
                }
                catch (ImageArchiveException e)
                {
                    XenApiDriverLog.ImageRejected(logger, imageId, e.Message);
                    throw new ImageUnavailableException(imageId, "is not a usable VHD chain archive: " + e.Message, retryable: false, e);
                }
                catch (IOException e)
                {
                    throw new ImageUnavailableException(imageId, "could not be read completely: " + e.Message, retryable: true, e);
                }
            }

            var vdi = await vdis.CreateForImportAsync(imageId, virtualSize, computeHost, ct).ConfigureAwait(false);
            try
            {
                var sent = await UploadAsync(vdi, chain[0], ct).ConfigureAwait(false);
                Interlocked.Increment(ref imports);
                XenApiDriverLog.ImageImported(logger, imageId, chain.Count, virtualSize, await vdis.UuidAsync(vdi, ct).ConfigureAwait(false),
                    (long)clock.GetElapsedTime(started).TotalMilliseconds, sent);
                return vdi;
            }
            catch
            {
                await DestroyQuietlyAsync(vdi).ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            RemoveStaging(staging);
        }
    }

    /// <summary>Removes VDIs this compute host left half-imported (it crashed or was stopped mid-import).</summary>
    public async Task RemoveStaleImportsAsync(CancellationToken ct)
    {
        foreach (var (vdiRef, record) in await vdis.AllInSrAsync(ct).ConfigureAwait(false))
        {
            if (record.OtherConfig.ContainsKey(VdiOps.ImportKey) && record.NameDescription == computeHost
                && await vdis.DestroyAsync(vdiRef, ct).ConfigureAwait(false))
            {
                XenApiDriverLog.StaleImportRemoved(logger, record.Uuid);
            }
        }
    }

    /// <summary>Flattens the staged chain into a pipe that the HTTP upload drains (constant memory, no temp file).</summary>
    private async Task<long> UploadAsync(VdiRef vdi, string leaf, CancellationToken ct)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 8 << 20, resumeWriterThreshold: 4 << 20));
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var producer = Task.Run(() =>
        {
            try
            {
                using var writer = pipe.Writer.AsStream();
                var n = VhdFlattener.Flatten(leaf, writer);
                pipe.Writer.Complete();
                return n;
            }
            catch (Exception e)
            {
                pipe.Writer.Complete(e);
                throw;
            }
        }, CancellationToken.None);
        try
        {
            await using var body = pipe.Reader.AsStream();
            await xen.Session.Transfers.ImportAsync(vdi, body, VdiTransferFormat.Vhd, abort.Token).ConfigureAwait(false);
        }
        catch
        {
            await abort.CancelAsync().ConfigureAwait(false);
            await pipe.Reader.CompleteAsync().ConfigureAwait(false);
            await ObserveAsync(producer).ConfigureAwait(false);
            throw;
        }

        return await producer.ConfigureAwait(false);
    }

    private async Task ObserveAsync(Task producer)
    {
        try
        {
            await producer.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
            // The upload failed first; the producer only stopped because its reader went away.
            XenApiDriverLog.FlattenStopped(logger, e.Message);
        }
    }

    private async Task DestroyQuietlyAsync(VdiRef vdi)
    {
        try
        {
            await vdis.DestroyAsync(vdi, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ControlPlane.XenApi.Errors.XenApiFailure or ControlPlane.XenApi.Errors.XenApiProtocolException or HttpRequestException)
        {
            XenApiDriverLog.CleanupFailed(logger, "a failed image import's VDI", e.Message);
        }
    }

    private void RemoveStaging(string staging)
    {
        try
        {
            Directory.Delete(staging, recursive: true);
        }
        catch (IOException e)
        {
            XenApiDriverLog.StagingCleanupFailed(logger, staging, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            XenApiDriverLog.StagingCleanupFailed(logger, staging, e.Message);
        }
    }
}
