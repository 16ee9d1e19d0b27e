namespace ControlPlane.XenApi.Refs;

/// <summary>Reference to a XenAPI <c>VBD</c> object.</summary>
public readonly record struct VbdRef(string OpaqueRef) : IXenRef<VbdRef>
{
    /// <summary>The null VBD ref.</summary>
    public static VbdRef Null => new(OpaqueRefs.Null);

    public static string XenClass => "VBD";

    /// <summary>True for <c>OpaqueRef:NULL</c> (or empty).</summary>
    public bool IsNull => OpaqueRefs.IsNull(OpaqueRef);

    public static VbdRef FromWire(string opaqueRef) => new(opaqueRef);

    public override string ToString() => OpaqueRef;
}
