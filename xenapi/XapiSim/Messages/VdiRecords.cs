using XapiSim.State;
using XapiSim.Storage;

namespace XapiSim.Messages;

/// <summary>Builds VDI rows for files the simulator has just created.</summary>
internal static class VdiRecords
{
    public static VdiObject New(SimDatabase db, VhdNode node, string nameLabel)
    {
        var vdi = new VdiObject
        {
            Ref = SimIds.NewRef(),
            Uuid = node.Uuid,
            NameLabel = nameLabel,
            Sr = db.Sr.Ref,
            SmConfig = new Dictionary<string, string> { ["vdi_type"] = "vhd" },
        };
        SrScanner.Refresh(vdi, node, hasChildren: false);
        db.Vdis.Add(vdi);
        return vdi;
    }

    /// <summary>Depth of the VDI's chain following <c>vhd-parent</c> (1 for a root).</summary>
    public static int Depth(SimDatabase db, VdiObject vdi)
    {
        var depth = 1;
        for (var parent = vdi.VhdParent; parent is not null && depth <= SrStorage.MaxChainDepth + 1; depth++)
        {
            parent = db.Vdis.FindByUuid(parent)?.VhdParent;
        }

        return depth;
    }

    /// <summary>The uuids of the VDI's ancestors following <c>vhd-parent</c>, nearest first (bounded by the maximum depth).</summary>
    public static List<string> Ancestors(SimDatabase db, VdiObject vdi)
    {
        var found = new List<string>();
        for (var parent = vdi.VhdParent; parent is not null && found.Count <= SrStorage.MaxChainDepth; parent = db.Vdis.FindByUuid(parent)?.VhdParent)
        {
            found.Add(parent);
        }

        return found;
    }

    /// <summary>True when a VBD of a running or paused VM has the VDI attached.</summary>
    public static bool IsAttached(SimDatabase db, VdiObject vdi) =>
        db.Vbds.All.Any(b => b.Vdi == vdi.Ref && b.CurrentlyAttached && db.Vms.Find(b.Vm) is { IsRunningLike: true });
}
