using ControlPlane.XenApi.Transport;
using ControlPlane.XenApi.Wire;

namespace ControlPlane.XenApi.Sessions;

/// <summary>How to reach and log in to one XAPI host (or pool coordinator).</summary>
public sealed class XenApiConnectionOptions
{
    /// <summary>Host URL, e.g. <c>https://xs1.example</c> or <c>http://127.0.0.1:8401</c>. Required.</summary>
    public Uri? Url { get; set; }

    /// <summary>User name for <c>session.login_with_password</c>. Default <c>root</c>.</summary>
    public string Username { get; set; } = "root";

    /// <summary>Password. Required; never logged.</summary>
    public string Password { get; set; } = "";

    /// <summary>Wire protocol. Default JSON-RPC (XenServer 7.0+); XML-RPC works on every XAPI.</summary>
    public XenApiProtocol Protocol { get; set; } = XenApiProtocol.JsonRpc;

    /// <summary>JSON-RPC dialect when <see cref="Protocol"/> is JSON-RPC. Default v2 (API 2.8+).</summary>
    public JsonRpcVersion JsonRpcVersion { get; set; } = JsonRpcVersion.V2;

    /// <summary>The <c>version</c> login parameter. Default <c>1.1</c>.</summary>
    public string ApiVersion { get; set; } = "1.1";

    /// <summary>The <c>originator</c> login parameter (shows in XAPI's session list). Default <c>ControlPlane</c>.</summary>
    public string Originator { get; set; } = "ControlPlane";

    /// <summary>How often task status is polled for <c>Async.</c> calls. Default 200 ms.</summary>
    public TimeSpan TaskPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How many <c>HOST_IS_SLAVE</c> redirects a login follows. Default 3.</summary>
    public int MaxCoordinatorRedirects { get; set; } = 3;
}
