namespace ControlPlane.Api.Compute.Consoles;

/// <summary>Options of the remote consoles API (section <c>Consoles</c>).</summary>
public sealed class ConsoleOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Consoles";

    /// <summary>
    /// Public URL of the noVNC page of the console proxy (Nova's <c>[vnc] novncproxy_base_url</c>); the access URL is this
    /// plus <c>?path=%3Ftoken%3D&lt;token&gt;</c>. Must be reachable by the user's browser. Default
    /// <c>http://127.0.0.1:6080/vnc_lite.html</c>: it connects at once (as devstack's default for noVNC 1.x); the proxy
    /// also serves <c>vnc_auto.html</c>, which Debian's noVNC 1.3 makes the full client with a Connect button.
    /// </summary>
    public string NovncproxyBaseUrl { get; set; } = "http://127.0.0.1:6080/vnc_lite.html";

    /// <summary>
    /// How long the api waits for the compute host's <c>get_vnc_console</c> answer before answering 503 (Nova waits
    /// <c>rpc_response_timeout</c>). Default 30 s; (0, 5 min].
    /// </summary>
    public TimeSpan ComputeCallTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
