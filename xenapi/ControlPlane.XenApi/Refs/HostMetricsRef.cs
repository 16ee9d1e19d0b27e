namespace ControlPlane.XenApi.Refs;

/// <summary>Reference to a XenAPI <c>host_metrics</c> object.</summary>
public readonly record struct HostMetricsRef(string OpaqueRef) : IXenRef<HostMetricsRef>
{
    /// <summary>The null host_metrics ref.</summary>
    public static HostMetricsRef Null => new(OpaqueRefs.Null);

    public static string XenClass => "host_metrics";

    /// <summary>True for <c>OpaqueRef:NULL</c> (or empty).</summary>
    public bool IsNull => OpaqueRefs.IsNull(OpaqueRef);

    public static HostMetricsRef FromWire(string opaqueRef) => new(opaqueRef);

    public override string ToString() => OpaqueRef;
}
