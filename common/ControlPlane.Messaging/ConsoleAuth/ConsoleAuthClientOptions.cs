namespace ControlPlane.Messaging.ConsoleAuth;

/// <summary>
/// Where the consoleauth service is (section <c>ConsoleAuthClient</c>, e.g.
/// <c>--ConsoleAuthClient:Urls:0=http://127.0.0.1:8790</c>). Used by the api and the console proxy.
/// </summary>
public sealed class ConsoleAuthClientOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "ConsoleAuthClient";

    /// <summary>
    /// gRPC (h2c) URLs of the consoleauth replicas. Calls go round-robin and move on to the next replica when one is
    /// unavailable (replicas share their tokens through Redis). Default one replica, <c>http://127.0.0.1:8790</c>.
    /// </summary>
    public List<string> Urls { get; set; } = [];

    /// <summary>Deadline of one consoleauth call (a Check includes the compute host's answer). Default 15 s; (0, 2 min].</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The URLs to use: <see cref="Urls"/>, or the default when none is configured.</summary>
    public IReadOnlyList<string> EffectiveUrls => Urls.Count > 0 ? Urls : ["http://127.0.0.1:8790"];
}
