using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Scheduler.Conductor;

/// <summary>The faults the conductor records when a build ends in ERROR (messages as Nova words them).</summary>
public static class BuildFaults
{
    /// <summary>Nova's NoValidHost message.</summary>
    public const string NoValidHostMessage = "No valid host was found. There are not enough hosts available.";

    /// <summary>
    /// No host passed the filters or accepted the claim. After a reschedule, <paramref name="lastHostFault"/> (the
    /// previous host's failure) is named in the message and its details kept, so the cause (e.g. an SR error) is not
    /// hidden behind Nova's wording.
    /// </summary>
    public static InstanceFault NoValidHost(InstanceFault? lastHostFault = null) => lastHostFault is null || string.IsNullOrEmpty(lastHostFault.Message)
        ? new() { Code = 500, Message = NoValidHostMessage }
        : new()
        {
            Code = 500,
            Message = $"{NoValidHostMessage} Last exception: {lastHostFault.Message}",
            Details = lastHostFault.Details ?? "",
            Host = lastHostFault.Host ?? "",
        };

    /// <summary>Nova's MaxRetriesExceeded, naming the last failure.</summary>
    public static InstanceFault AttemptsExhausted(Guid instanceId, int maxAttempts, InstanceFault? last) => new()
    {
        Code = 500,
        Message = $"Exceeded maximum number of retries. Exceeded max scheduling attempts {maxAttempts} for instance {instanceId}. " +
                  $"Last exception: {(string.IsNullOrEmpty(last?.Message) ? "unknown" : last.Message)}",
        Details = last?.Details ?? "",
        Host = last?.Host ?? "",
    };

    /// <summary>The fault reported by the host, with a default code and the host filled in.</summary>
    public static InstanceFault FromHost(InstanceFault? reported, string host) => new()
    {
        Code = reported is null || reported.Code == 0 ? 500 : reported.Code,
        Message = string.IsNullOrEmpty(reported?.Message) ? $"Build of the instance failed on host {host}." : reported.Message,
        Details = reported?.Details ?? "",
        Host = string.IsNullOrEmpty(reported?.Host) ? host : reported.Host,
    };

    /// <summary>The reaper's fault: the host stopped reporting while the instance was building on it.</summary>
    public static InstanceFault HostDown(string host, DateTimeOffset? lastSeenAt) => new()
    {
        Code = 500,
        Message = $"Compute host {host} went down during the build (last report: {(lastSeenAt is { } t ? t.ToString("O") : "never")}).",
        Host = host,
    };
}
