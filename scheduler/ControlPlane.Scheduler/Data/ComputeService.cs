namespace ControlPlane.Scheduler.Data;

/// <summary>A compute host's service row, as the scheduler's ComputeFilter sees it.</summary>
/// <param name="Host">Host name (also the host grain key and the <c>compute.&lt;host&gt;</c> queue suffix).</param>
/// <param name="Disabled">Disabled by an operator.</param>
/// <param name="ForcedDown">Forced down by an operator.</param>
/// <param name="LastSeenAt">Time of the last service report received by a conductor, if any.</param>
public sealed record ComputeService(string Host, bool Disabled, bool ForcedDown, DateTimeOffset? LastSeenAt)
{
    /// <summary>The binary name compute hosts report (<c>services.binary_name</c>).</summary>
    public const string Binary = "controlplane-compute";
}
