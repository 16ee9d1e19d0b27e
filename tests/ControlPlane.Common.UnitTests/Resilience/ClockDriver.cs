using ControlPlane.Testing;

namespace ControlPlane.Common.UnitTests.Resilience;

/// <summary>Drives a <see cref="FakeClock"/> for work that waits on it: each pending timer is reached in turn until the work ends.</summary>
internal static class ClockDriver
{
    public static async Task<T> RunAsync<T>(FakeClock clock, Task<T> run)
    {
        while (!run.IsCompleted)
        {
            var timer = clock.TimersChanged.UntilAsync(() => clock.PendingTimers > 0, "a timer on the fake clock");
            await Task.WhenAny(run, timer);
            if (clock.NextDueAt is { } due)
            {
                var step = due - clock.GetUtcNow();
                clock.Advance(step > TimeSpan.Zero ? step : TimeSpan.Zero);
            }
        }
        return await run;
    }
}
