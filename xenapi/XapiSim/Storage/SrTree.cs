namespace XapiSim.Storage;

/// <summary>The forest of VHDs in the SR at one scan: nodes by uuid and each node's children.</summary>
public sealed class SrTree
{
    private readonly Dictionary<string, List<string>> children = new(StringComparer.OrdinalIgnoreCase);

    public SrTree(IEnumerable<VhdNode> nodes)
    {
        Nodes = nodes.ToDictionary(n => n.Uuid, StringComparer.OrdinalIgnoreCase);
        foreach (var node in Nodes.Values.Where(n => n.ParentUuid is not null))
        {
            if (!children.TryGetValue(node.ParentUuid!, out var list))
            {
                children[node.ParentUuid!] = list = [];
            }

            list.Add(node.Uuid);
        }
    }

    public IReadOnlyDictionary<string, VhdNode> Nodes { get; }

    public bool HasScanErrors => Nodes.Values.Any(n => n.ScanError is not null);

    public IReadOnlyList<string> ChildrenOf(string uuid) => children.TryGetValue(uuid, out var list) ? list : [];

    /// <summary>Chain depth: 1 for a root.</summary>
    public int Depth(string uuid)
    {
        var depth = 0;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var current = uuid; current is not null && Nodes.TryGetValue(current, out var node) && seen.Add(current); current = node.ParentUuid)
        {
            depth++;
        }

        return depth;
    }
}
