namespace ControlPlane.Scheduler.Conductor;

/// <summary>What to do with an instance whose build failed on a host.</summary>
public enum BuildDecision
{
    /// <summary>Put it back to scheduling and try another host.</summary>
    Reschedule,

    /// <summary>The failure is not retryable: ERROR with the host's fault.</summary>
    ErrorNotRetryable,

    /// <summary>Every allowed attempt was used: ERROR with a "maximum number of retries" fault.</summary>
    ErrorAttemptsExhausted,
}
