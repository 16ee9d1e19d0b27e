using ControlPlane.Hosting.Options;

namespace ControlPlane.Api.Options;

/// <summary>Options of the Keystone v3 subset (section <c>Identity</c>).</summary>
public sealed class IdentityOptions
{
    /// <summary>Section name.</summary>
    public const string Section = "Identity";

    /// <summary>
    /// HMAC-SHA256 key signing tokens (env <c>Identity__TokenSigningKey</c>), at least 32 bytes of UTF-8.
    /// Required; every api replica must share it. In the Development environment a random key is
    /// generated when it is empty (tokens then die with the process) and a warning is logged.
    /// </summary>
    [Redacted]
    public string TokenSigningKey { get; set; } = string.Empty;

    /// <summary>Token lifetime. Default 1 h.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>PBKDF2-SHA256 iterations for new password hashes (at least 200000). Default 210000.</summary>
    public int PasswordIterations { get; set; } = 210_000;

    /// <summary>
    /// Failed password logins for one user name (or user id) within <see cref="LoginFailureWindow"/>
    /// after which further attempts for it are answered 429 with <c>Retry-After</c> until the window
    /// ends, whether or not the user exists (so the answer reveals nothing). A successful login resets
    /// the count. 1-10000. Default 10. Related: <see cref="LoginFailuresPerSource"/>.
    /// </summary>
    public int LoginFailuresPerUser { get; set; } = 10;

    /// <summary>
    /// Failed password logins from one source address within <see cref="LoginFailureWindow"/> after
    /// which every password login from it is answered 429 until the window ends; a success does not
    /// reset it. 1-100000. Default 100.
    /// </summary>
    public int LoginFailuresPerSource { get; set; } = 100;

    /// <summary>The window failures are counted in; it starts at the first failure. 1 s - 1 day. Default 5 min.</summary>
    public TimeSpan LoginFailureWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Most user names and addresses tracked at once (each a few dozen bytes); beyond it expired
    /// entries are dropped, and a new user name is not tracked until room frees up (the per-source
    /// limit still applies). 1000-10000000. Default 100000.
    /// </summary>
    public int LoginThrottleMaxTracked { get; set; } = 100_000;

    /// <summary>
    /// How often an open gRPC stream (<c>WatchServer</c>) re-checks that its token was not revoked;
    /// the stream also ends exactly when the token expires. 1 s - 5 min. Default 5 s.
    /// </summary>
    public TimeSpan StreamTokenCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>When true, the default projects, users, roles and flavors are created at start if missing. Default true.</summary>
    public bool Seed { get; set; } = true;

    /// <summary>Password of the seeded <c>admin</c> user. Default <c>secret</c>.</summary>
    [Redacted]
    public string AdminPassword { get; set; } = "secret";

    /// <summary>Password of the seeded <c>demo</c> and <c>tempest_user_1..4</c> users. Default <c>secret</c>.</summary>
    [Redacted]
    public string UserPassword { get; set; } = "secret";

    /// <summary>Set when the signing key was generated at start (Development only); not configurable.</summary>
    internal bool KeyWasGenerated { get; set; }
}
