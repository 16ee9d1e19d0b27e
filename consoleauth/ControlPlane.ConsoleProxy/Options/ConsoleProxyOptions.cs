namespace ControlPlane.ConsoleProxy.Options;

/// <summary>
/// Options of the noVNC console proxy (section <c>ConsoleProxy</c>). Listens on <c>--urls</c> (default
/// <c>http://127.0.0.1:6080</c>); consoleauth is <c>ConsoleAuthClient:Urls</c>, Redis <c>ConnectionStrings:redis</c>.
/// </summary>
public sealed class ConsoleProxyOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "ConsoleProxy";

    /// <summary>Directory of the noVNC web client (Debian package <c>novnc</c>). Default <c>/usr/share/novnc</c>.</summary>
    public string NoVncDirectory { get; set; } = "/usr/share/novnc";

    /// <summary>
    /// Host names (besides the one in the request's <c>Host</c> header) a browser's <c>Origin</c> may name (Nova's
    /// <c>[console] allowed_origins</c>). A request without <c>Origin</c> (not from a browser) is not checked. Default none.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>How long opening the console (TCP connect and the CONNECT answer) may take. Default 10 s; (0, 2 min].</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Bytes buffered per direction of one console: a slow side holds the other back once this much is in flight.
    /// Default 64 KiB; 4 KiB to 4 MiB.
    /// </summary>
    public int BufferBytes { get; set; } = 64 * 1024;

    /// <summary>Redis channel consoleauth announces revocations on (must equal <c>ConsoleAuth:RevocationChannel</c>). Default <c>consoleauth:revocations</c>.</summary>
    public string RevocationChannel { get; set; } = "consoleauth:revocations";
}
