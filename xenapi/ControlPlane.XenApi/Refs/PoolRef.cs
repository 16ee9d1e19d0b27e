namespace ControlPlane.XenApi.Refs;

/// <summary>Reference to a XenAPI <c>pool</c> object.</summary>
public readonly record struct PoolRef(string OpaqueRef) : IXenRef<PoolRef>
{
    /// <summary>The null pool ref.</summary>
    public static PoolRef Null => new(OpaqueRefs.Null);

    public static string XenClass => "pool";

    /// <summary>True for <c>OpaqueRef:NULL</c> (or empty).</summary>
    public bool IsNull => OpaqueRefs.IsNull(OpaqueRef);

    public static PoolRef FromWire(string opaqueRef) => new(opaqueRef);

    public override string ToString() => OpaqueRef;
}
