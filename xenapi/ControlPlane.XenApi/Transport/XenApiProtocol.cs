namespace ControlPlane.XenApi.Transport;

/// <summary>Which wire protocol a session uses.</summary>
public enum XenApiProtocol
{
    /// <summary>JSON-RPC at <c>/jsonrpc</c> (XAPI API 2.5+ / XenServer 7.0+).</summary>
    JsonRpc,

    /// <summary>XML-RPC at <c>/</c> (every XAPI version).</summary>
    XmlRpc,
}
