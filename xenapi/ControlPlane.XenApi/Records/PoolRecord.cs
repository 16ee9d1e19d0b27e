using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Records;

/// <summary>pool fields.</summary>
public sealed record PoolRecord
{
    public string Uuid { get; init; } = "";
    public string NameLabel { get; init; } = "";
    public HostRef Master { get; init; } = HostRef.Null;
    public SrRef DefaultSr { get; init; } = SrRef.Null;
    public Dictionary<string, string> OtherConfig { get; init; } = [];

    public static PoolRecord FromWire(WireRecord r) => new()
    {
        Uuid = r.Str("uuid"),
        NameLabel = r.Str("name_label"),
        Master = r.Ref<HostRef>("master"),
        DefaultSr = r.Ref<SrRef>("default_SR"),
        OtherConfig = r.Map("other_config"),
    };
}
