namespace ControlPlane.XenApi.Refs;

/// <summary>Reference to a XenAPI <c>session</c> object.</summary>
public readonly record struct SessionRef(string OpaqueRef) : IXenRef<SessionRef>
{
    /// <summary>The null session ref.</summary>
    public static SessionRef Null => new(OpaqueRefs.Null);

    public static string XenClass => "session";

    /// <summary>True for <c>OpaqueRef:NULL</c> (or empty).</summary>
    public bool IsNull => OpaqueRefs.IsNull(OpaqueRef);

    public static SessionRef FromWire(string opaqueRef) => new(opaqueRef);

    public override string ToString() => OpaqueRef;
}
