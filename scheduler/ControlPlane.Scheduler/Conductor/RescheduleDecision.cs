namespace ControlPlane.Scheduler.Conductor;

/// <summary>The reschedule rule: retryable failures are retried until <c>Scheduler:MaxAttempts</c> builds were tried.</summary>
public static class RescheduleDecision
{
    /// <summary>
    /// Decides after a failed build. <paramref name="attempts"/> counts the builds tried so far,
    /// the failed one included.
    /// </summary>
    public static BuildDecision Decide(int attempts, int maxAttempts, bool retryable)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        if (!retryable)
        {
            return BuildDecision.ErrorNotRetryable;
        }
        return attempts < maxAttempts ? BuildDecision.Reschedule : BuildDecision.ErrorAttemptsExhausted;
    }
}
