namespace ControlPlane.Data.Instances;

/// <summary>The user-visible fields a rebuild sets on an instance (Nova's <c>instance.update(kwargs)</c> in <c>rebuild</c>):
/// every field is written as given, so the caller passes the current value of what the request left alone.</summary>
public sealed record InstanceRebuild
{
    /// <summary>The image the instance is rebuilt from.</summary>
    public required string ImageRef { get; init; }

    /// <summary>The display name.</summary>
    public required string DisplayName { get; init; }

    /// <summary>The metadata (JSON object text of string values).</summary>
    public required string MetadataJson { get; init; }

    /// <summary>The description (null = none).</summary>
    public string? Description { get; init; }

    /// <summary>The key pair name (null = none).</summary>
    public string? KeyName { get; init; }

    /// <summary>The key pair's public key (null = none).</summary>
    public string? KeyData { get; init; }

    /// <summary>True when <see cref="KeyName"/> and <see cref="KeyData"/> are written (the request named a key, or null).</summary>
    public bool SetKey { get; init; }

    /// <summary>The user data, base64 (null = none).</summary>
    public string? UserData { get; init; }

    /// <summary>IPv4 access address (null = none).</summary>
    public string? AccessIpV4 { get; init; }

    /// <summary>IPv6 access address (null = none).</summary>
    public string? AccessIpV6 { get; init; }

    /// <summary>OS-DCF:diskConfig AUTO.</summary>
    public bool AutoDiskConfig { get; init; }
}
