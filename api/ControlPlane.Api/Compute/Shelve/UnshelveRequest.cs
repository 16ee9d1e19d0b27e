namespace ControlPlane.Api.Compute.Shelve;

/// <summary>A validated <c>unshelve</c> action value.</summary>
/// <param name="AvailabilityZone">The zone to unshelve into (2.77+), or <c>null</c> for any.</param>
/// <param name="Host">The host to unshelve on (2.91+, admins), or <c>null</c> for any.</param>
public sealed record UnshelveRequest(string? AvailabilityZone, string? Host)
{
    /// <summary>No zone, no host: the scheduler picks (every request below 2.77).</summary>
    public static readonly UnshelveRequest Any = new(null, null);

    /// <summary>True when the request names a zone or a host (only an offloaded server may then be unshelved).</summary>
    public bool Targets => AvailabilityZone is not null || Host is not null;
}
