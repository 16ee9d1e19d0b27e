namespace ControlPlane.XenApi.Refs;

/// <summary>
/// A typed XenAPI object reference (<c>OpaqueRef:&lt;uuid&gt;</c>, null ref <c>OpaqueRef:NULL</c>).
/// Refs are opaque and session-scoped; uuids are the stable identifiers.
/// </summary>
public interface IXenRef
{
    /// <summary>The wire form.</summary>
    string OpaqueRef { get; }
}

/// <summary>Lets generic code build a typed ref from its wire form.</summary>
public interface IXenRef<TSelf> : IXenRef where TSelf : IXenRef<TSelf>
{
    static abstract TSelf FromWire(string opaqueRef);

    /// <summary>The XenAPI class name (also the table name in <c>HANDLE_INVALID</c>).</summary>
    static abstract string XenClass { get; }
}
