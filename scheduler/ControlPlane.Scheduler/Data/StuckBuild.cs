namespace ControlPlane.Scheduler.Data;

/// <summary>An instance building on a host whose compute service looks down.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="Host">The host it is building on.</param>
/// <param name="Attempts">Build attempts so far (this one included).</param>
/// <param name="LastSeenAt">The host's last service report, or <c>null</c> if it never reported.</param>
/// <param name="ForcedDown">The host's service is forced down.</param>
public sealed record StuckBuild(Guid InstanceId, string Host, int Attempts, DateTimeOffset? LastSeenAt, bool ForcedDown);
