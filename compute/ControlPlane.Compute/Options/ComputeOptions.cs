using ControlPlane.Hosting.Options;

namespace ControlPlane.Compute.Options;

/// <summary>
/// Options of a compute host (configuration section <c>Compute</c>, e.g. <c>--Compute:Host=host1</c>
/// or the short switch <c>--host host1</c>). Validated at start by <see cref="ComputeOptionsValidator"/>.
/// </summary>
public sealed class ComputeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Compute";

    /// <summary>Short command-line switches mapped onto this section.</summary>
    public static readonly IDictionary<string, string> SwitchMappings = new Dictionary<string, string>
    {
        ["--host"] = SectionName + ":" + nameof(Host),
        ["--driver"] = SectionName + ":" + nameof(Driver),
        ["--transfer-port"] = SectionName + ":Resize:TransferPort",
    };

    /// <summary>Required. This host's name: the queue consumed is <c>compute.&lt;Host&gt;</c>, and the
    /// conductor stores it as the instances' host. Letters, digits, '.', '_' and '-', at most 63.</summary>
    public string Host { get; set; } = "";

    /// <summary>The virt driver: <c>Fake</c> (default, in memory) or <c>XenApi</c> (when registered).</summary>
    public string Driver { get; set; } = "Fake";

    /// <summary>Interval of the heartbeat (<c>ServiceReport</c> with capacity) to the conductor.
    /// Default 10 s; must stay well below the scheduler's <c>service_down_time</c> (60 s).</summary>
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Base URL of the image API (imagestore) that spawns read image bits from.
    /// Default <c>http://127.0.0.1:9292</c>.</summary>
    public Uri ImageApiUrl { get; set; } = new("http://127.0.0.1:9292");

    /// <summary>A fixed token sent to imagestore as <c>X-Auth-Token</c>, used only when
    /// <see cref="ServiceUsername"/> is empty. Default empty (no header). Never logged.</summary>
    [Redacted]
    public string ImageServiceToken { get; set; } = "";

    /// <summary>Keystone v3 API the compute host authenticates its service user against, to read
    /// images. Default <c>http://127.0.0.1:8774/identity/v3</c>.</summary>
    public Uri IdentityUrl { get; set; } = new("http://127.0.0.1:8774/identity/v3");

    /// <summary>Service user (domain <c>Default</c>) whose project-scoped token is sent to imagestore;
    /// the token is renewed before it expires. Empty (default) = use <see cref="ImageServiceToken"/>.</summary>
    public string ServiceUsername { get; set; } = "";

    /// <summary>Password of <see cref="ServiceUsername"/>. Never logged.</summary>
    [Redacted]
    public string ServicePassword { get; set; } = "";

    /// <summary>Project (domain <c>Default</c>) the service token is scoped to. Default <c>admin</c>.</summary>
    public string ServiceProject { get; set; } = "admin";

    /// <summary>First delay between attempts to ask the conductor for this host's instances at start;
    /// doubles per attempt up to <see cref="ReconcileRetryMaxDelay"/>. Default 1 s.</summary>
    public TimeSpan ReconcileRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound of the start-up retry delay. Default 30 s. Retries never stop: the host
    /// handles no message before it has reconciled.</summary>
    public TimeSpan ReconcileRetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);
}
