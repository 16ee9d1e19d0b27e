using ControlPlane.XenApi.Errors;

namespace XapiSim.State;

/// <summary>One table of objects keyed by opaque ref (insertion order kept for stable listings).</summary>
public sealed class SimTable<T>(string xenClass) : ISimTable where T : SimObject
{
    private readonly Dictionary<string, T> rows = new(StringComparer.Ordinal);

    public string XenClass => xenClass;

    public IEnumerable<T> All => rows.Values;

    public int Count => rows.Count;

    public void Add(T row) => rows.Add(row.Ref, row);

    public bool Remove(string opaqueRef) => rows.Remove(opaqueRef);

    public T? Find(string opaqueRef) => rows.GetValueOrDefault(opaqueRef);

    /// <summary>The row, or <c>HANDLE_INVALID [class, ref]</c>.</summary>
    public T Get(string opaqueRef) =>
        rows.GetValueOrDefault(opaqueRef) ?? throw new XenApiFailure(XenApiErrorCodes.HandleInvalid, [xenClass, opaqueRef]);

    /// <summary>The row with this uuid, or <c>UUID_INVALID [class, uuid]</c>.</summary>
    public T GetByUuid(string uuid) =>
        rows.Values.FirstOrDefault(r => string.Equals(r.Uuid, uuid, StringComparison.OrdinalIgnoreCase))
        ?? throw new XenApiFailure(XenApiErrorCodes.UuidInvalid, [xenClass, uuid]);

    public T? FindByUuid(string uuid) =>
        rows.Values.FirstOrDefault(r => string.Equals(r.Uuid, uuid, StringComparison.OrdinalIgnoreCase));

    public void Clear() => rows.Clear();

    IEnumerable<SimObject> ISimTable.Rows => rows.Values;

    SimObject ISimTable.GetRow(string opaqueRef) => Get(opaqueRef);

    SimObject ISimTable.GetRowByUuid(string uuid) => GetByUuid(uuid);
}
