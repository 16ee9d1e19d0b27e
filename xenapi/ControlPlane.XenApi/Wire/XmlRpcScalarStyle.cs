namespace ControlPlane.XenApi.Wire;

/// <summary>How the XML-RPC writer emits strings and ints.</summary>
public enum XmlRpcScalarStyle
{
    /// <summary>Client style: <c>&lt;string&gt;</c> for strings, ints as decimal <c>&lt;string&gt;</c> (XAPI's int64_of_rpc accepts them; no 32-bit <c>&lt;i4&gt;</c> overflow).</summary>
    Typed,

    /// <summary>XAPI's own style: strings and ints as untyped <c>&lt;value&gt;text&lt;/value&gt;</c>.</summary>
    Untyped,
}
