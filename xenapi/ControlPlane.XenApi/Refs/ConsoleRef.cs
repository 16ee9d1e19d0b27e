namespace ControlPlane.XenApi.Refs;

/// <summary>Reference to a XenAPI <c>console</c> object.</summary>
public readonly record struct ConsoleRef(string OpaqueRef) : IXenRef<ConsoleRef>
{
    /// <summary>The null console ref.</summary>
    public static ConsoleRef Null => new(OpaqueRefs.Null);

    public static string XenClass => "console";

    /// <summary>True for <c>OpaqueRef:NULL</c> (or empty).</summary>
    public bool IsNull => OpaqueRefs.IsNull(OpaqueRef);

    public static ConsoleRef FromWire(string opaqueRef) => new(opaqueRef);

    public override string ToString() => OpaqueRef;
}
