namespace ControlPlane.XenApi.Refs;

/// <summary>Reference to a XenAPI <c>VDI</c> object.</summary>
public readonly record struct VdiRef(string OpaqueRef) : IXenRef<VdiRef>
{
    /// <summary>The null VDI ref.</summary>
    public static VdiRef Null => new(OpaqueRefs.Null);

    public static string XenClass => "VDI";

    /// <summary>True for <c>OpaqueRef:NULL</c> (or empty).</summary>
    public bool IsNull => OpaqueRefs.IsNull(OpaqueRef);

    public static VdiRef FromWire(string opaqueRef) => new(opaqueRef);

    public override string ToString() => OpaqueRef;
}
