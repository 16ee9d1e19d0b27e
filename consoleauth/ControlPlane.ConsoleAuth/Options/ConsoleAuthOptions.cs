namespace ControlPlane.ConsoleAuth.Options;

/// <summary>
/// Options of the consoleauth service (section <c>ConsoleAuth</c>, e.g. <c>--ConsoleAuth:ConsoleTokenTtl=00:10:00</c>).
/// Redis is <c>ConnectionStrings:redis</c>; the compute calls use <c>Rpc</c> (RabbitMQ).
/// </summary>
public sealed class ConsoleAuthOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "ConsoleAuth";

    /// <summary>
    /// How long a console token is valid after it was issued (Nova <c>[consoleauth] token_ttl</c>, formerly
    /// <c>console_token_ttl</c>). Fixed at issue: using a token does not extend it. Default 600 s; 1 s to 1 day.
    /// </summary>
    public TimeSpan ConsoleTokenTtl { get; set; } = TimeSpan.FromSeconds(600);

    /// <summary>Port of the h2c gRPC endpoint <c>consoleauth.v1.ConsoleAuth</c> on 127.0.0.1. Default 8790.</summary>
    public int GrpcPort { get; set; } = 8790;

    /// <summary>
    /// How long <c>Check</c> waits for the compute host's <c>validate_console_port</c> answer before refusing the
    /// token as unavailable. Default 10 s; (0, 2 min].
    /// </summary>
    public TimeSpan ValidateTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Prefix of every Redis key this service writes (<c>&lt;prefix&gt;token:&lt;sha256&gt;</c>,
    /// <c>&lt;prefix&gt;instance:&lt;uuid&gt;</c>). Replicas that share tokens use the same prefix. Default <c>consoleauth:</c>.
    /// </summary>
    public string KeyPrefix { get; set; } = "consoleauth:";

    /// <summary>
    /// Redis pub/sub channel a revocation is announced on (message: the instance uuid); the console proxies subscribe
    /// to it to close the instance's open consoles. Must equal the proxies' <c>ConsoleProxy:RevocationChannel</c>.
    /// Default <c>consoleauth:revocations</c>.
    /// </summary>
    public string RevocationChannel { get; set; } = "consoleauth:revocations";
}
