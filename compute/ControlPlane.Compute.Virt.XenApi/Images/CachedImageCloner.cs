using ControlPlane.Compute.Virt.XenApi.Diagnostics;
using ControlPlane.Compute.Virt.XenApi.Ops;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Refs;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Virt.XenApi.Images;

/// <summary>
/// Clones a cached image VDI while keeping its VHD chain bounded. On FileSR every <c>VDI.clone</c> of the cached
/// leaf X turns <c>X → P</c> into <c>X → B → P</c> plus the clone <c>S → B</c>; B keeps two children, so the SR's GC
/// cannot coalesce it and X's chain grows by one per spawn until the SR refuses (<c>SR_BACKEND_FAILURE_109</c>, depth
/// 30). Here, when X's depth has reached <c>ImageCacheMaxChainDepth</c>, X is first replaced by a flat
/// <c>VDI.copy</c> of itself (depth 1): the copy becomes the cache, X is retired and destroyed (its base copies stay
/// as long as instances use them, then the GC removes them). Bound: the cached VDI and every new root disk have a
/// chain of at most <c>ImageCacheMaxChainDepth</c>. The caller serialises calls per image (the import's per-image lock).
/// </summary>
/// <param name="vdis">VDI operations.</param>
/// <param name="maxDepth">The bound (<c>ImageCacheMaxChainDepth</c>).</param>
/// <param name="computeHost">This compute host (marks a half-rotated copy for the stale-import cleanup).</param>
/// <param name="clock">Time of the new cache entry.</param>
/// <param name="logger">Driver log.</param>
public sealed class CachedImageCloner(VdiOps vdis, int maxDepth, string computeHost, TimeProvider clock, ILogger logger)
{
    private int rotations;

    /// <summary>How many times a cached VDI was replaced by a flat copy.</summary>
    public int Rotations => rotations;

    /// <summary>
    /// A copy-on-write clone of <paramref name="cached"/> (<paramref name="imageId"/>'s cached VDI), rotating the cache
    /// first when the clone would pass the bound; returns the clone and the cached VDI now in use.
    /// </summary>
    public async Task<(VdiRef Clone, VdiRef Cached)> CloneAsync(Guid imageId, VdiRef cached, CancellationToken ct)
    {
        var depth = await vdis.ChainDepthAsync(cached, maxDepth + 1, ct).ConfigureAwait(false);
        if (depth >= maxDepth)
        {
            cached = await RotateAsync(imageId, cached, depth, ct).ConfigureAwait(false);
        }

        return (await vdis.CloneAsync(cached, ct).ConfigureAwait(false), cached);
    }

    private async Task<VdiRef> RotateAsync(Guid imageId, VdiRef old, int depth, CancellationToken ct)
    {
        var copy = await vdis.CopyForCacheAsync(old, imageId, computeHost, ct).ConfigureAwait(false);
        await vdis.RetireCachedAsync(old, imageId, computeHost, CancellationToken.None).ConfigureAwait(false);
        await vdis.MarkCachedAsync(copy, imageId, clock.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        Interlocked.Increment(ref rotations);
        XenApiDriverLog.ImageCacheRotated(logger, imageId, depth, await vdis.UuidAsync(copy, CancellationToken.None).ConfigureAwait(false));
        try
        {
            await vdis.DestroyAsync(old, CancellationToken.None).ConfigureAwait(false);
        }
        catch (XenApiFailure f)
        {
            // Still marked as an import of this host: the next start's stale-import cleanup removes it.
            XenApiDriverLog.CleanupFailed(logger, "a retired cached image VDI", Errors.XenApiFailureMapper.Describe(f));
        }

        return copy;
    }
}
