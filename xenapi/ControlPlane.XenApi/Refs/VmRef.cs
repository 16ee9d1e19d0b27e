namespace ControlPlane.XenApi.Refs;

/// <summary>Reference to a XenAPI <c>VM</c> object.</summary>
public readonly record struct VmRef(string OpaqueRef) : IXenRef<VmRef>
{
    /// <summary>The null VM ref.</summary>
    public static VmRef Null => new(OpaqueRefs.Null);

    public static string XenClass => "VM";

    /// <summary>True for <c>OpaqueRef:NULL</c> (or empty).</summary>
    public bool IsNull => OpaqueRefs.IsNull(OpaqueRef);

    public static VmRef FromWire(string opaqueRef) => new(opaqueRef);

    public override string ToString() => OpaqueRef;
}
