using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Vhd;
using ControlPlane.XenApi.Records;
using ControlPlane.XenApi.Refs;

namespace ControlPlane.Compute.Virt.XenApi.Ops;

/// <summary>VHD chains as XAPI describes them: each VDI's parent is the uuid in <c>sm_config["vhd-parent"]</c> (Nova's <c>_walk_vdi_chain</c>).</summary>
public static class VdiChain
{
    /// <summary>The uuids from <paramref name="uuid"/> up to the root, leaf first. A parent without a record, a cycle or a
    /// chain deeper than <see cref="VhdLimits.MaxChainDepth"/> is a <see cref="DriverOperationException"/>.</summary>
    public static List<string> Walk(IReadOnlyDictionary<VdiRef, VdiRecord> records, string uuid)
    {
        var byUuid = records.Values.GroupBy(r => r.Uuid, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var chain = new List<string>();
        for (string? current = uuid; current is not null;)
        {
            if (chain.Contains(current, StringComparer.OrdinalIgnoreCase) || chain.Count >= VhdLimits.MaxChainDepth)
            {
                throw new DriverOperationException($"VDI {uuid}'s VHD chain loops or is deeper than {VhdLimits.MaxChainDepth}", retryable: false);
            }

            var record = byUuid.GetValueOrDefault(current) ?? throw new DriverOperationException($"VDI {current} of the chain of {uuid} has no record in the SR");
            chain.Add(record.Uuid);
            current = record.VhdParent;
        }

        return chain;
    }

    /// <summary>The ref of the VDI with <paramref name="uuid"/>.</summary>
    public static VdiRef RefOf(IReadOnlyDictionary<VdiRef, VdiRecord> records, string uuid)
    {
        foreach (var (vdiRef, record) in records)
        {
            if (string.Equals(record.Uuid, uuid, StringComparison.OrdinalIgnoreCase))
            {
                return vdiRef;
            }
        }

        throw new DriverOperationException($"VDI {uuid} has no record in the SR");
    }
}
