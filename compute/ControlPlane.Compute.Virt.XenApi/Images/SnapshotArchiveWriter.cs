using ControlPlane.Compute.Virt.XenApi.Connection;
using ControlPlane.XenApi.Http;
using ControlPlane.XenApi.Refs;

namespace ControlPlane.Compute.Virt.XenApi.Images;

/// <summary>
/// Streams a VHD chain (leaf first) as an uncompressed tar of <c>0.vhd</c>, <c>1.vhd</c>, ... straight from XAPI's
/// <c>export_raw_vdi</c>: member i is the differencing VHD from chain[i+1] to chain[i] (<c>format=vhd&amp;base=</c>,
/// so its parent unique id is chain[i+1]'s), the last member the base as one dynamic VHD. No staging file; memory
/// is one 1 MiB buffer plus one VHD's metadata while its size is worked out.
/// </summary>
public sealed class SnapshotArchiveWriter(XenApiHost xen, long maxMemberBytes, TimeProvider clock)
{
    /// <summary>The copy buffer.</summary>
    public const int BufferBytes = 1 << 20;

    /// <summary>Writes the archive into <paramref name="output"/> (not disposed). Returns each member's size.</summary>
    public async Task<IReadOnlyList<long>> WriteAsync(IReadOnlyList<VdiRef> chain, Stream output, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfZero(chain.Count);
        var member = new ChainTarMemberWriter(new byte[BufferBytes], maxMemberBytes);
        var modified = clock.GetUtcNow();
        var sizes = new List<long>(chain.Count);
        for (var i = 0; i < chain.Count; i++)
        {
            VdiRef? parent = i + 1 < chain.Count ? chain[i + 1] : null;
            var (body, length) = await xen.Session.Transfers.OpenExportAsync(chain[i], VdiTransferFormat.Vhd, parent, ct).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                sizes.Add(await member.WriteAsync($"{i}.vhd", body, length, output, modified, ct).ConfigureAwait(false));
            }
        }

        await output.WriteAsync(TarHeaders.EndOfArchive(), ct).ConfigureAwait(false);
        await output.FlushAsync(ct).ConfigureAwait(false);
        return sizes;
    }
}
