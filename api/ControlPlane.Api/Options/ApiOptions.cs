namespace ControlPlane.Api.Options;

/// <summary>Options of the public API edge (section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    /// <summary>Section name.</summary>
    public const string Section = "Api";

    /// <summary>
    /// Where the public gRPC API (HTTP/2 without TLS) listens. Default <c>http://127.0.0.1:8775</c>.
    /// The REST API (HTTP/1.1) listens on <c>--urls</c> (default <c>http://127.0.0.1:8774</c>).
    /// </summary>
    public string GrpcUrl { get; set; } = "http://127.0.0.1:8775";

    /// <summary>Compute endpoint published in the token catalog. Default <c>http://127.0.0.1:8774/compute/v2.1</c>.</summary>
    public string ComputePublicUrl { get; set; } = "http://127.0.0.1:8774/compute/v2.1";

    /// <summary>Image endpoint published in the token catalog (the imagestore's own port). Default <c>http://127.0.0.1:9292</c>.</summary>
    public string ImagePublicUrl { get; set; } = "http://127.0.0.1:9292";

    /// <summary>Identity endpoint published in the token catalog. Default <c>http://127.0.0.1:8774/identity</c>.</summary>
    public string IdentityPublicUrl { get; set; } = "http://127.0.0.1:8774/identity";

    /// <summary>Base URL the api uses to ask the imagestore about an image (<c>GET {this}/v2/images/{id}</c>). Default <c>http://127.0.0.1:9292</c>.</summary>
    public string ImageServiceUrl { get; set; } = "http://127.0.0.1:9292";

    /// <summary>Timeout of one request to the imagestore. Default 10 s.</summary>
    public TimeSpan ImageServiceTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Largest accepted request body in bytes; larger is 413. Default 262144 (256 KiB).</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Largest page of a list (Nova's <c>osapi_max_limit</c>). Default 1000.</summary>
    public int MaxLimit { get; set; } = 1000;

    /// <summary>Default per-project limit of servers (-1 unlimited; the <c>quotas</c> table overrides). Default 10.</summary>
    public int QuotaInstances { get; set; } = 10;

    /// <summary>Default per-project limit of vCPUs (-1 unlimited). Default 20.</summary>
    public int QuotaCores { get; set; } = 20;

    /// <summary>Default per-project limit of RAM in MB (-1 unlimited). Default 51200.</summary>
    public int QuotaRamMb { get; set; } = 51200;

    /// <summary>Default per-project limit of server groups (Nova's <c>server_groups</c>; -1 unlimited). Default 10.</summary>
    public int QuotaServerGroups { get; set; } = 10;

    /// <summary>Default limit of servers in one server group (Nova's <c>server_group_members</c>; -1 unlimited). Default 10.</summary>
    public int QuotaServerGroupMembers { get; set; } = 10;

    /// <summary>Default per-project limit of metadata items per server (Nova's <c>metadata_items</c>, -1 unlimited). Default 128.</summary>
    public int QuotaMetadataItems { get; set; } = 128;

    /// <summary>Interval at which WatchServer re-reads a server even without a notification (safety net). Default 30 s.</summary>
    public TimeSpan WatchResyncInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Path of an oslo.policy-style JSON file (rule name to check string) overriding rules of the built-in
    /// compute policy (Nova's scoped-role defaults). Only rules the api defines may be overridden; a bad
    /// file stops the api at start. Default none (the built-in rules).
    /// </summary>
    public string? PolicyFile { get; set; }

    /// <summary>
    /// Whether the generated or given admin password is returned to the caller (Nova's <c>[api] enable_instance_password</c>),
    /// today by the <c>rescue</c> action (<c>{"adminPass": ...}</c>, else <c>{}</c>). Default true.
    /// </summary>
    public bool EnableInstancePassword { get; set; } = true;
}
