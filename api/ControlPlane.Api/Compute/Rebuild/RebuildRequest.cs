namespace ControlPlane.Api.Compute.Rebuild;

/// <summary>A validated <c>rebuild</c> action (Nova's <c>servers.rebuild</c> schema at the request's microversion);
/// null (or false for the <c>Has*</c> flags) = not given, the instance keeps its value.</summary>
public sealed record RebuildRequest
{
    /// <summary>The image to rebuild from.</summary>
    public required Guid ImageRef { get; init; }

    /// <summary>New display name.</summary>
    public string? Name { get; init; }

    /// <summary>The admin password (generated when not given).</summary>
    public string? AdminPass { get; init; }

    /// <summary>New metadata (replaces all of it).</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Keep ephemeral disks.</summary>
    public bool PreserveEphemeral { get; init; }

    /// <summary>True when <see cref="Description"/> was given (2.19; null clears it).</summary>
    public bool HasDescription { get; init; }

    /// <summary>New description.</summary>
    public string? Description { get; init; }

    /// <summary>True when <see cref="KeyName"/> was given (2.54; null removes the key).</summary>
    public bool HasKeyName { get; init; }

    /// <summary>New key pair name.</summary>
    public string? KeyName { get; init; }

    /// <summary>True when <see cref="UserData"/> was given (2.57; null clears it).</summary>
    public bool HasUserData { get; init; }

    /// <summary>New user data (base64).</summary>
    public string? UserData { get; init; }

    /// <summary>New OS-DCF:diskConfig (true = AUTO).</summary>
    public bool? AutoDiskConfig { get; init; }

    /// <summary>True when <see cref="AccessIpV4"/> was given.</summary>
    public bool HasAccessIpV4 { get; init; }

    /// <summary>New IPv4 access address ("" clears it).</summary>
    public string? AccessIpV4 { get; init; }

    /// <summary>True when <see cref="AccessIpV6"/> was given.</summary>
    public bool HasAccessIpV6 { get; init; }

    /// <summary>New IPv6 access address ("" clears it).</summary>
    public string? AccessIpV6 { get; init; }
}
