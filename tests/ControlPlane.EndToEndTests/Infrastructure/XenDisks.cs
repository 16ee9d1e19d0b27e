using System.Security.Cryptography;
using ControlPlane.XenApi.Http;
using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;

namespace ControlPlane.EndToEndTests.Infrastructure;

/// <summary>Read-only XenAPI look-ups the E2EXen tests assert on: an instance's VM, its root VDI, VHD chains, SR contents.</summary>
public static class XenDisks
{
    /// <summary>other_config key of the VM that carries the instance uuid (Nova's).</summary>
    public const string VmInstanceKey = "nova_uuid";

    /// <summary>other_config key of a cached image's VDI (Nova's).</summary>
    public const string ImageKey = "image-id";

    /// <summary>other_config key of an instance's own VDIs (Nova's).</summary>
    public const string VdiInstanceKey = "nova_instance_uuid";

    /// <summary>The (non-snapshot) VM whose other_config carries <paramref name="instanceId"/>, on any of the hosts; null when none.</summary>
    public static async Task<XenVm?> FindVmAsync(IEnumerable<XenConnection> connections, Guid instanceId)
    {
        var id = instanceId.ToString("D");
        foreach (var connection in connections)
        {
            foreach (var (vmRef, record) in await connection.Session.Vm.GetAllRecordsAsync())
            {
                if (!record.IsASnapshot && !record.IsATemplate && record.OtherConfig.GetValueOrDefault(VmInstanceKey) == id)
                {
                    return new XenVm(connection, vmRef, record);
                }
            }
        }
        return null;
    }

    /// <summary>The VDI behind the VM's VBD at userdevice 0.</summary>
    public static async Task<(VdiRef Ref, VdiRecord Record)> RootVdiAsync(XenApiSession session, VmRef vm)
    {
        foreach (var vbd in await session.Vm.GetVbdsAsync(vm))
        {
            var record = await session.Vbd.GetRecordAsync(vbd);
            if (record.Userdevice == "0" && !record.Vdi.IsNull)
            {
                return (record.Vdi, await session.Vdi.GetRecordAsync(record.Vdi));
            }
        }
        throw new InvalidOperationException($"VM {vm.OpaqueRef} has no disk at userdevice 0.");
    }

    /// <summary>The VDI uuids from <paramref name="vdi"/> down to its base, following <c>sm_config["vhd-parent"]</c>.</summary>
    public static async Task<IReadOnlyList<string>> ChainAsync(XenApiSession session, VdiRecord vdi)
    {
        var chain = new List<string> { vdi.Uuid };
        var parent = vdi.VhdParent;
        while (parent is not null)
        {
            if (chain.Contains(parent) || chain.Count > 64)
            {
                throw new InvalidOperationException($"VHD chain of {vdi.Uuid} loops or is too deep: {string.Join(" -> ", chain)} -> {parent}");
            }
            chain.Add(parent);
            parent = (await session.Vdi.GetRecordAsync(await session.Vdi.GetByUuidAsync(parent))).VhdParent;
        }
        return chain;
    }

    /// <summary>Every VDI of the SR (hidden base copies included), by uuid.</summary>
    public static async Task<Dictionary<string, VdiRecord>> SrVdisAsync(XenApiSession session, SrRef sr) =>
        (await session.Vdi.GetAllRecordsAsync())
            .Where(p => p.Value.Sr == sr)
            .ToDictionary(p => p.Value.Uuid, p => p.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every VDI on the host, grouped by SR uuid.</summary>
    public static async Task<Dictionary<string, HashSet<string>>> VdisBySrAsync(XenApiSession session)
    {
        var srs = await session.Sr.GetAllRecordsAsync();
        return (await session.Vdi.GetAllRecordsAsync()).Values
            .GroupBy(v => srs.TryGetValue(v.Sr, out var sr) ? sr.Uuid : v.Sr.OpaqueRef)
            .ToDictionary(g => g.Key, g => g.Select(v => v.Uuid).ToHashSet(StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>SHA-256 (hex) of the VDI's whole virtual disk, read through <c>export_raw_vdi?format=raw</c>.</summary>
    public static async Task<string> RawSha256Async(XenApiSession session, VdiRef vdi)
    {
        await using var stream = await session.Transfers.ExportAsync(vdi, VdiTransferFormat.Raw);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }
}
