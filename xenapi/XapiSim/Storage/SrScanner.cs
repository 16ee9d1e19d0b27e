using Microsoft.Extensions.Logging;
using XapiSim.Hosting;
using XapiSim.State;

namespace XapiSim.Storage;

/// <summary>
/// FileSR's scan: introduces VHDs without a record, forgets records without a file, refreshes sizes, and keeps
/// <c>sm_config["vhd-parent"]</c> equal to the parent named in each VHD header. Hidden VHDs are base copies
/// (<c>managed=false</c>, read-only); hidden leaves are garbage and get no record. Caller holds the database lock.
/// </summary>
public sealed class SrScanner(SrStorage storage, ILogger<SrScanner> logger)
{
    public SrTree Scan(SimDatabase db)
    {
        var tree = new SrTree(storage.ScanFiles());
        var sr = db.Sr;
        foreach (var vdi in db.Vdis.All.Where(v => v.Sr == sr.Ref).ToList())
        {
            if (!tree.Nodes.ContainsKey(vdi.Uuid))
            {
                Forget(db, vdi, whenMissing: true);
            }
        }

        foreach (var node in tree.Nodes.Values)
        {
            var record = db.Vdis.FindByUuid(node.Uuid);
            if (node.ScanError is not null)
            {
                SimLog.ScanSkipped(logger, node.Path, node.ScanError);
                if (record is not null)
                {
                    record.Missing = true;
                }

                continue;
            }

            var hasChildren = tree.ChildrenOf(node.Uuid).Count > 0;
            if (node.Hidden && !hasChildren)
            {
                if (record is not null)
                {
                    Forget(db, record, whenMissing: false);
                }

                continue;
            }

            record ??= Introduce(db, node);
            Refresh(record, node, hasChildren);
        }

        return tree;
    }

    /// <summary>Copies a node's facts into its record.</summary>
    public static void Refresh(VdiObject record, VhdNode node, bool hasChildren)
    {
        record.VirtualSize = node.VirtualSize;
        record.PhysicalUtilisation = node.PhysicalSize;
        record.Missing = false;
        if (node.ParentUuid is null)
        {
            record.SmConfig.Remove("vhd-parent");
        }
        else
        {
            record.SmConfig["vhd-parent"] = node.ParentUuid;
        }

        if (node.Hidden)
        {
            record.Managed = false;
            record.ReadOnly = true;
        }
        else if (hasChildren)
        {
            record.ReadOnly = true;
        }
    }

    private static VdiObject Introduce(SimDatabase db, VhdNode node)
    {
        var vdi = new VdiObject
        {
            Ref = SimIds.NewRef(),
            Uuid = node.Uuid,
            NameLabel = node.Hidden ? "base copy" : "",
            Sr = db.Sr.Ref,
            Managed = !node.Hidden,
            ReadOnly = node.Hidden,
            SmConfig = new Dictionary<string, string> { ["vdi_type"] = "vhd" },
        };
        db.Vdis.Add(vdi);
        return vdi;
    }

    private static void Forget(SimDatabase db, VdiObject vdi, bool whenMissing)
    {
        if (db.Vbds.All.Any(b => b.Vdi == vdi.Ref))
        {
            vdi.Missing |= whenMissing;
            return;
        }

        db.Vdis.Remove(vdi.Ref);
    }
}
