using System.Diagnostics;

namespace ControlPlane.Compute.UnitTests.Infrastructure;

/// <summary>Waits for a condition with a bounded deadline (never a bare sleep).</summary>
public static class Wait
{
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException("Timed out waiting until " + what);
            }

            await Task.Delay(5);
        }
    }

    /// <summary>Advances a fake clock one second at a time until the condition holds (timers may be
    /// created on other threads after the first advance).</summary>
    public static async Task AdvanceUntilAsync(Microsoft.Extensions.Time.Testing.FakeTimeProvider time, Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException("Timed out waiting until " + what);
            }

            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }
    }
}
