using Microsoft.Extensions.Logging;
using XapiSim.Hosting;
using XapiSim.State;
using XapiSim.Storage;

namespace XapiSim.Gc;

/// <summary>
/// One collection over the SR (SM cleanup.py's loop): scan; delete garbage (hidden leaves, then hidden nodes whose
/// children are all garbage); else coalesce one hidden node that is its parent's only child and has children into
/// that parent, relink its children to the parent, delete it; else leaf-coalesce one visible leaf into its hidden
/// parent when it is the only child (SR or VDI <c>other_config["leaf-coalesce"]="false"</c> disables); repeat.
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
            if (candidate is not null)
            {
                Coalesce(db, tree, candidate);
                coalesced++;
                continue;
            }

            var leaf = LeafCoalesceEnabled(db) ? tree.Nodes.Values.FirstOrDefault(n => IsLeafCoalesceable(db, tree, n)) : null;
            if (leaf is null)
            {
                break;
            }

            CoalesceLeaf(db, leaf);
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

    private static bool LeafCoalesceEnabled(SimDatabase db) =>
        !(db.Sr.OtherConfig.TryGetValue("leaf-coalesce", out var flag) && flag == "false");

    /// <summary>A visible leaf whose hidden parent has no other child (SM isLeafCoalesceable), not attached to a running VM.</summary>
    private static bool IsLeafCoalesceable(SimDatabase db, SrTree tree, VhdNode node)
    {
        if (node.ScanError is not null || node.Hidden || node.ParentUuid is not { } parent
            || tree.ChildrenOf(node.Uuid).Count > 0 || tree.ChildrenOf(parent).Count != 1
            || !tree.Nodes.TryGetValue(parent, out var p) || p.ScanError is not null || !p.Hidden)
        {
            return false;
        }

        var record = db.Vdis.FindByUuid(node.Uuid);
        return record is null
            || (!(record.OtherConfig.TryGetValue("leaf-coalesce", out var flag) && flag == "false")
                && !db.Vbds.All.Any(b => b.Vdi == record.Ref && b.CurrentlyAttached));
    }

    /// <summary>SM's leaf-coalesce with the rename trick: the leaf's data goes into its parent, the parent file takes
    /// the leaf's name (so the user VDI keeps its uuid) and the parent's record is forgotten.</summary>
    private void CoalesceLeaf(SimDatabase db, VhdNode leaf)
    {
        var parent = leaf.ParentUuid!;
        storage.Coalesce(leaf.Uuid);
        storage.SetHidden(parent, hidden: false);
        storage.ReplaceWith(leaf.Uuid, parent);
        if (db.Vdis.FindByUuid(parent) is { } parentRecord)
        {
            db.Vdis.Remove(parentRecord.Ref);
        }

        SimLog.GcCoalesced(logger, leaf.Uuid, parent, 0);
    }

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
