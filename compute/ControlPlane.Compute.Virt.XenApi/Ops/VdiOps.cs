using System.Globalization;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.XenApi.Connection;
using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;

namespace ControlPlane.Compute.Virt.XenApi.Ops;

/// <summary>
/// VDI operations of the driver. Markers live in <c>other_config</c>, with Nova's keys: an instance's own disks carry
/// <c>nova_instance_uuid</c> + <c>nova_disk_type</c>; a cached image carries <c>image-id</c> (and the name-label
/// <c>Glance Image &lt;id&gt;</c>); an import in progress carries <c>controlplane_import</c>.
/// </summary>
public sealed class VdiOps(XenApiHost xen)
{
    /// <summary>other_config key of an instance's own disk (Nova's).</summary>
    public const string InstanceKey = "nova_instance_uuid";

    /// <summary>other_config key of the disk's role (Nova's).</summary>
    public const string DiskTypeKey = "nova_disk_type";

    /// <summary><see cref="DiskTypeKey"/> of a rescue VM's root disk (destroyed on unrescue).</summary>
    public const string RescueDiskType = "rescue";

    /// <summary>other_config key of a cached image (Nova's).</summary>
    public const string ImageKey = "image-id";

    /// <summary>other_config key set while an image is being imported (removed on success).</summary>
    public const string ImportKey = "controlplane_import";

    /// <summary>The name-label of an image's cached VDI (as Nova names it).</summary>
    public static string CachedLabel(Guid imageId) => "Glance Image " + imageId.ToString("D");

    /// <summary>Every VDI record of the driver's SR.</summary>
    public async Task<Dictionary<VdiRef, VdiRecord>> AllInSrAsync(CancellationToken ct) =>
        await xen.Session.Vdi.GetAllRecordsWhereAsync($"field \"SR\"=\"{xen.Sr.OpaqueRef}\"", ct).ConfigureAwait(false);

    /// <summary>The cached, fully imported VDI of <paramref name="imageId"/>, or null.</summary>
    public async Task<(VdiRef Ref, VdiRecord Record)?> FindCachedAsync(Guid imageId, CancellationToken ct)
    {
        var label = CachedLabel(imageId);
        var found = await xen.Session.Vdi.GetAllRecordsWhereAsync(
            $"field \"name__label\"=\"{label}\" and field \"SR\"=\"{xen.Sr.OpaqueRef}\"", ct).ConfigureAwait(false);
        foreach (var (vdiRef, record) in found)
        {
            if (record.OtherConfig.GetValueOrDefault(ImageKey) == imageId.ToString("D") && !record.OtherConfig.ContainsKey(ImportKey) && !record.Missing)
            {
                return (vdiRef, record);
            }
        }

        return null;
    }

    /// <summary>Creates the empty VDI an import writes into, marked as an import in progress.</summary>
    public async Task<VdiRef> CreateForImportAsync(Guid imageId, long virtualSize, string purpose, CancellationToken ct) =>
        await xen.Session.Vdi.CreateAsync(new VdiRecord
        {
            NameLabel = CachedLabel(imageId) + " (importing)",
            NameDescription = purpose,
            Sr = xen.Sr,
            VirtualSize = virtualSize,
            Type = VdiType.User,
            OtherConfig = new() { [ImportKey] = imageId.ToString("D") },
        }, ct).ConfigureAwait(false);

    /// <summary>Marks an imported VDI as the cached image of <paramref name="imageId"/>.</summary>
    public async Task MarkCachedAsync(VdiRef vdi, Guid imageId, DateTimeOffset now, CancellationToken ct)
    {
        await xen.Session.Vdi.SetOtherConfigAsync(vdi, new Dictionary<string, string>
        {
            [ImageKey] = imageId.ToString("D"),
            [DiskTypeKey] = "root",
            ["cached-time"] = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        }, ct).ConfigureAwait(false);
        await xen.Session.Vdi.SetNameLabelAsync(vdi, CachedLabel(imageId), ct).ConfigureAwait(false);
    }

    /// <summary>Makes <paramref name="vdi"/> one of the instance's own disks: its name, description and markers (replacing
    /// inherited ones). <paramref name="diskType"/> is <c>root</c> for the instance's root, <see cref="RescueDiskType"/>
    /// for its rescue VM's root (named after the rescue VM).</summary>
    public async Task MarkInstanceDiskAsync(VdiRef vdi, VirtInstance instance, string diskType, CancellationToken ct)
    {
        await xen.Session.Vdi.SetOtherConfigAsync(vdi, new Dictionary<string, string>
        {
            [InstanceKey] = instance.InstanceId.ToString("D"),
            [DiskTypeKey] = diskType,
        }, ct).ConfigureAwait(false);
        await xen.Session.Vdi.SetNameLabelAsync(vdi, diskType == RescueDiskType ? instance.RescueName : instance.InstanceName, ct).ConfigureAwait(false);
        await xen.Session.Vdi.SetNameDescriptionAsync(vdi, diskType, ct).ConfigureAwait(false);
    }

    /// <summary>A copy-on-write clone of the cached image (Nova: <c>VDI.clone</c>).</summary>
    public Task<VdiRef> CloneAsync(VdiRef cached, CancellationToken ct) => xen.Session.Vdi.CloneAsync(cached, null, ct);

    /// <summary>
    /// Depth of <paramref name="vdi"/>'s VHD chain (1 for a root), following <c>vhd-parent</c> up to
    /// <paramref name="limit"/> levels (a deeper chain answers <paramref name="limit"/>).
    /// </summary>
    public async Task<int> ChainDepthAsync(VdiRef vdi, int limit, CancellationToken ct)
    {
        var parent = (await xen.Session.Vdi.GetSmConfigAsync(vdi, ct).ConfigureAwait(false)).GetValueOrDefault("vhd-parent");
        var depth = 1;
        while (!string.IsNullOrEmpty(parent) && depth < limit)
        {
            var parentRef = await xen.Session.Vdi.GetByUuidAsync(parent, ct).ConfigureAwait(false);
            parent = (await xen.Session.Vdi.GetSmConfigAsync(parentRef, ct).ConfigureAwait(false)).GetValueOrDefault("vhd-parent");
            depth++;
        }

        return depth;
    }

    /// <summary>
    /// A flat copy (one dynamic VHD, depth 1) of <paramref name="vdi"/> in the driver's SR, marked at once as an
    /// import in progress of <paramref name="imageId"/> by <paramref name="computeHost"/> (so a crash leaves nothing
    /// that <c>RemoveStaleImportsAsync</c> does not clean).
    /// </summary>
    public async Task<VdiRef> CopyForCacheAsync(VdiRef vdi, Guid imageId, string computeHost, CancellationToken ct)
    {
        var copy = await xen.Session.Vdi.CopyAsync(vdi, xen.Sr, ct).ConfigureAwait(false);
        await MarkImportAsync(copy, imageId, computeHost, ct).ConfigureAwait(false);
        return copy;
    }

    /// <summary>Takes a cached image VDI out of the cache: marked as an import in progress again (no longer found as
    /// the cache), so the caller can destroy it or a restart removes it.</summary>
    public Task RetireCachedAsync(VdiRef vdi, Guid imageId, string computeHost, CancellationToken ct) =>
        MarkImportAsync(vdi, imageId, computeHost, ct);

    private async Task MarkImportAsync(VdiRef vdi, Guid imageId, string computeHost, CancellationToken ct)
    {
        await xen.Session.Vdi.SetOtherConfigAsync(vdi, new Dictionary<string, string> { [ImportKey] = imageId.ToString("D") }, ct).ConfigureAwait(false);
        await xen.Session.Vdi.SetNameDescriptionAsync(vdi, computeHost, ct).ConfigureAwait(false);
    }

    /// <summary>Grows <paramref name="vdi"/> to <paramref name="bytes"/> when it is smaller.</summary>
    public async Task GrowAsync(VdiRef vdi, long bytes, CancellationToken ct)
    {
        var current = await xen.Session.Vdi.GetVirtualSizeAsync(vdi, ct).ConfigureAwait(false);
        if (bytes > current)
        {
            await xen.Session.Vdi.ResizeAsync(vdi, bytes, ct).ConfigureAwait(false);
        }
    }

    public async Task<long> VirtualSizeAsync(VdiRef vdi, CancellationToken ct) => await xen.Session.Vdi.GetVirtualSizeAsync(vdi, ct).ConfigureAwait(false);

    public async Task<string> UuidAsync(VdiRef vdi, CancellationToken ct) => await xen.Session.Vdi.GetUuidAsync(vdi, ct).ConfigureAwait(false);

    /// <summary>The instance's own VDIs (never a cached image: those carry <c>image-id</c>), all of them or those of
    /// one <paramref name="diskType"/>.</summary>
    public async Task<List<VdiRef>> FindInstanceDisksAsync(Guid instanceId, CancellationToken ct, string? diskType = null)
    {
        var id = instanceId.ToString("D");
        return [.. (await AllInSrAsync(ct).ConfigureAwait(false))
            .Where(p => p.Value.OtherConfig.GetValueOrDefault(InstanceKey) == id && !p.Value.OtherConfig.ContainsKey(ImageKey)
                && (diskType is null || p.Value.OtherConfig.GetValueOrDefault(DiskTypeKey) == diskType))
            .Select(p => p.Key)];
    }

    /// <summary>True when <paramref name="vdi"/> is a cached image (never destroyed with an instance).</summary>
    public async Task<bool> IsCachedImageAsync(VdiRef vdi, CancellationToken ct)
    {
        try
        {
            return (await xen.Session.Vdi.GetOtherConfigAsync(vdi, ct).ConfigureAwait(false)).ContainsKey(ImageKey);
        }
        catch (XenApiFailure f) when (f.Code == XenApiErrorCodes.HandleInvalid)
        {
            return false;
        }
    }

    /// <summary>Destroys a VDI; one already gone counts as destroyed.</summary>
    public async Task<bool> DestroyAsync(VdiRef vdi, CancellationToken ct)
    {
        try
        {
            await xen.Session.Vdi.DestroyAsync(vdi, ct).ConfigureAwait(false);
            return true;
        }
        catch (XenApiFailure f) when (f.Code == XenApiErrorCodes.HandleInvalid)
        {
            return false;
        }
    }
}
