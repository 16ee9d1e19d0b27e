namespace ControlPlane.XenApi.Refs;

/// <summary>Reference to a XenAPI <c>PBD</c> object.</summary>
public readonly record struct PbdRef(string OpaqueRef) : IXenRef<PbdRef>
{
    /// <summary>The null PBD ref.</summary>
    public static PbdRef Null => new(OpaqueRefs.Null);

    public static string XenClass => "PBD";

    /// <summary>True for <c>OpaqueRef:NULL</c> (or empty).</summary>
    public bool IsNull => OpaqueRefs.IsNull(OpaqueRef);

    public static PbdRef FromWire(string opaqueRef) => new(opaqueRef);

    public override string ToString() => OpaqueRef;
}
