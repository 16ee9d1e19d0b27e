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
