using System.Collections.Concurrent;
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
    private readonly CachedImageCloner cloner = new(vdis, options.ImageCacheMaxChainDepth, computeHost, clock, logger);

    /// <summary>How many times a cached image VDI was replaced by a flat copy to bound its chain.</summary>
    public int CacheRotations => cloner.Rotations;

    /// <summary>Imports performed so far (not cache hits).</summary>
    public int Imports => imports;

    private int imports;

    /// <summary>
    /// A new disk with <paramref name="imageId"/>'s content for one VM (an instance's root, a rescue VM's root): a
    /// copy-on-write <c>VDI.clone</c> of the cached image (imported once), or with the cache off a VDI of its own
    /// import. The caller marks it as its own at once. Clones of one image are serialised per image (with its
    /// import) and keep the cache's chain within <see cref="XenApiDriverOptions.ImageCacheMaxChainDepth"/>
    /// (<see cref="CachedImageCloner"/>).
    /// </summary>
    public async Task<VdiRef> NewDiskAsync(Guid imageId, IImageSource images, CancellationToken ct)
    {
        if (!options.ImageCacheEnabled)
        {
            return await ImportAsync(imageId, images, ct).ConfigureAwait(false);
        }

        var gate = locks.GetOrAdd(imageId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var cached = await FindOrImportAsync(imageId, images, ct).ConfigureAwait(false);
            return (await cloner.CloneAsync(imageId, cached, ct).ConfigureAwait(false)).Clone;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The cached VDI of <paramref name="imageId"/>, importing it first if absent.</summary>
    public async Task<VdiRef> EnsureCachedAsync(Guid imageId, IImageSource images, CancellationToken ct)
    {
        var gate = locks.GetOrAdd(imageId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return await FindOrImportAsync(imageId, images, ct).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<VdiRef> FindOrImportAsync(Guid imageId, IImageSource images, CancellationToken ct)
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

    /// <summary>
    /// Flattens the staged chain into one dynamic VHD file next to it (sequential writes, constant memory), then
    /// PUTs that file with a <c>Content-Length</c>: real XAPI refuses chunked uploads to <c>import_raw_vdi</c>
    /// (<c>IMPORT_ERROR_CANNOT_HANDLE_CHUNKED</c>), so the size must be known before the first byte is sent.
    /// </summary>
    private async Task<long> UploadAsync(VdiRef vdi, string leaf, CancellationToken ct)
    {
        var flat = Path.Combine(Path.GetDirectoryName(leaf)!, "flat.vhd");
        var size = await Task.Run(() =>
        {
            // 64 KiB: the flattener already writes in 512 KiB pieces; a larger buffer would merge them again (see bench/vhd/README.md).
            using var output = new FileStream(flat, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            return VhdFlattener.Flatten(leaf, output, null, ct);
        }, ct).ConfigureAwait(false);
        await using var body = new FileStream(flat, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await xen.Session.Transfers.ImportAsync(vdi, body, VdiTransferFormat.Vhd, ct).ConfigureAwait(false);
        return size;
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
