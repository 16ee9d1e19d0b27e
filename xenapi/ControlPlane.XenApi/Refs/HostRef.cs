namespace ControlPlane.XenApi.Refs;

/// <summary>Reference to a XenAPI <c>host</c> object.</summary>
public readonly record struct HostRef(string OpaqueRef) : IXenRef<HostRef>
{
    /// <summary>The null host ref.</summary>
    public static HostRef Null => new(OpaqueRefs.Null);

    public static string XenClass => "host";

    /// <summary>True for <c>OpaqueRef:NULL</c> (or empty).</summary>
    public bool IsNull => OpaqueRefs.IsNull(OpaqueRef);

    public static HostRef FromWire(string opaqueRef) => new(opaqueRef);

    public override string ToString() => OpaqueRef;
}
