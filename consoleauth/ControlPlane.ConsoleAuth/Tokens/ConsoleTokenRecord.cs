using System.Text.Json.Serialization;

namespace ControlPlane.ConsoleAuth.Tokens;

/// <summary>
/// What is stored in Redis under a token's hash (Nova's <c>console_auth_tokens</c> row, minus the token itself).
/// </summary>
public sealed record ConsoleTokenRecord
{
    /// <summary>Instance uuid.</summary>
    [JsonPropertyName("instance_uuid")] public required Guid InstanceId { get; init; }

    /// <summary>Hypervisor-side instance name, for <c>validate_console_port</c>.</summary>
    [JsonPropertyName("instance_name")] public required string InstanceName { get; init; }

    /// <summary>The compute host that owns the instance (queue <c>compute.&lt;host&gt;</c>).</summary>
    [JsonPropertyName("compute_host")] public required string ComputeHost { get; init; }

    /// <summary>Console type, e.g. <c>novnc</c>.</summary>
    [JsonPropertyName("console_type")] public required string ConsoleType { get; init; }

    /// <summary>TCP host of the console endpoint.</summary>
    [JsonPropertyName("host")] public required string Host { get; init; }

    /// <summary>TCP port of the console endpoint.</summary>
    [JsonPropertyName("port")] public required int Port { get; init; }

    /// <summary>HTTP CONNECT path; empty = raw RFB on host:port.</summary>
    [JsonPropertyName("internal_access_path")] public string InternalAccessPath { get; init; } = "";

    /// <summary>The proxy URL the access URL was built from.</summary>
    [JsonPropertyName("access_url_base")] public string AccessUrlBase { get; init; } = "";

    /// <summary>Expiry (Unix seconds, Nova's <c>expires</c>); Redis' own TTL removes the key at the same time.</summary>
    [JsonPropertyName("expires")] public required long ExpiresUnixSeconds { get; init; }
}
