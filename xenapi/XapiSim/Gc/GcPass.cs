using Microsoft.Extensions.Logging;
using XapiSim.Hosting;
using XapiSim.State;
using XapiSim.Storage;

namespace XapiSim.Gc;

/// <summary>
/// One collection over the SR (SM cleanup.py's loop, without leaf-coalesce): scan; delete garbage (hidden leaves,
/// then hidden nodes whose children are all garbage); else coalesce one hidden node that is its parent's only
/// child and has children into that parent, relink its children to the parent, delete it; repeat until idle.
/// Caller holds the database lock.
/// </summary>
public sealed class GcPass(SrScanner scanner, SrStorage storage, ILogger<GcPass> logger)
{
    private const int MaxSteps = 10_000;

    /// <summary>Returns (deleted, coalesced).</summary>
    public (int Deleted, int Coalesced) Run(SimDatabase db)
    {
        int deleted = 0, coalesced = 0;
        for (var step = 0; step < MaxSteps; step++)
        {
            var tree = scanner.Scan(db);

            // NOTE(xenapi): with an unreadable VHD in the SR we cannot know whose parent it is, so nothing is garbage.
            var garbage = tree.HasScanErrors ? [] : Garbage(tree);
            if (garbage.Count > 0)
            {
                foreach (var uuid in garbage)
                {
                    Delete(db, uuid);
                    SimLog.GcDeleted(logger, uuid);
                    deleted++;
                }

                continue;
            }

            if (db.Sr.OtherConfig.TryGetValue("coalesce", out var flag) && flag == "false")
            {
                break;
            }

            var candidate = tree.Nodes.Values
                .Where(n => IsCoalesceable(tree, n))
                .OrderByDescending(n => tree.Depth(n.Uuid))
                .FirstOrDefault();
            if (candidate is null)
            {
                break;
            }

            Coalesce(db, tree, candidate);
            coalesced++;
        }

        return (deleted, coalesced);
    }

    private static List<string> Garbage(SrTree tree)
    {
        var garbage = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        bool grew;
        do
        {
            grew = false;
            foreach (var node in tree.Nodes.Values.Where(n => n.Hidden && n.ScanError is null && !garbage.Contains(n.Uuid)))
            {
                if (tree.ChildrenOf(node.Uuid).All(garbage.Contains))
                {
                    garbage.Add(node.Uuid);
                    grew = true;
                }
            }
        }
        while (grew);

        return [.. garbage];
    }

    private static bool IsCoalesceable(SrTree tree, VhdNode node) =>
        node.ScanError is null
        && node.Hidden
        && node.ParentUuid is { } parent
        && tree.Nodes.TryGetValue(parent, out var p) && p.ScanError is null
        && tree.ChildrenOf(parent).Count == 1
        && tree.ChildrenOf(node.Uuid).Count > 0;

    private void Coalesce(SimDatabase db, SrTree tree, VhdNode node)
    {
        var parent = node.ParentUuid!;
        storage.Coalesce(node.Uuid);
        var children = tree.ChildrenOf(node.Uuid);
        foreach (var child in children)
        {
            storage.SetParent(child, parent);
            if (db.Vdis.FindByUuid(child) is { } record)
            {
                record.SmConfig["vhd-parent"] = parent;
            }
        }

        Delete(db, node.Uuid);
        SimLog.GcCoalesced(logger, node.Uuid, parent, children.Count);
    }

    private void Delete(SimDatabase db, string uuid)
    {
        storage.Delete(uuid);
        if (db.Vdis.FindByUuid(uuid) is { } record)
        {
            db.Vdis.Remove(record.Ref);
        }
    }
}
