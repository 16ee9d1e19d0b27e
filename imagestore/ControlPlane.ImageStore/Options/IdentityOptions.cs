namespace ControlPlane.ImageStore.Options;

/// <summary>How the image service validates <c>X-Auth-Token</c> (configuration section <c>Identity</c>).</summary>
public sealed class IdentityOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Identity";

    /// <summary>
    /// Base URL of the Keystone v3 API that issued the tokens; tokens are validated with
    /// <c>GET {Url}/auth/tokens</c>. Default <c>http://127.0.0.1:8774/identity/v3</c>.
    /// </summary>
    public string Url { get; set; } = "http://127.0.0.1:8774/identity/v3";

    /// <summary>
    /// Token sent as <c>X-Auth-Token</c> when validating a user's token (the subject). Empty means
    /// the user's own token validates itself, which Keystone permits. Default empty.
    /// </summary>
    [ControlPlane.Hosting.Options.Redacted]
    public string ServiceToken { get; set; } = "";

    /// <summary>
    /// Seconds a successful validation is reused before asking identity again (never beyond the
    /// token's expiry). This is how long a revoked token may still be accepted here, so keep it
    /// short. 0 disables caching; at most 300. Default 5.
    /// </summary>
    public int CacheSeconds { get; set; } = 5;

    /// <summary>Timeout of one validation request, in seconds. Default 10.</summary>
    public int TimeoutSeconds { get; set; } = 10;
}
