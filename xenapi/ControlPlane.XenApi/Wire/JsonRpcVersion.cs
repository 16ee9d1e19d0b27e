namespace ControlPlane.XenApi.Wire;

/// <summary>JSON-RPC dialect. XAPI picks v2 when the request carries <c>"jsonrpc":"2.0"</c>.</summary>
public enum JsonRpcVersion
{
    /// <summary>v1: <c>{"result", "error": [code, params...], "id"}</c>.</summary>
    V1,

    /// <summary>v2: <c>{"jsonrpc":"2.0", "result"}</c> or <c>{"jsonrpc":"2.0", "error": {"code":1, "message": code, "data": [params]}}</c>.</summary>
    V2,
}
