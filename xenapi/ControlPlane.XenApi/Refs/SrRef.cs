namespace ControlPlane.XenApi.Refs;

/// <summary>Reference to a XenAPI <c>SR</c> object.</summary>
public readonly record struct SrRef(string OpaqueRef) : IXenRef<SrRef>
{
    /// <summary>The null SR ref.</summary>
    public static SrRef Null => new(OpaqueRefs.Null);

    public static string XenClass => "SR";

    /// <summary>True for <c>OpaqueRef:NULL</c> (or empty).</summary>
    public bool IsNull => OpaqueRefs.IsNull(OpaqueRef);

    public static SrRef FromWire(string opaqueRef) => new(opaqueRef);

    public override string ToString() => OpaqueRef;
}
