namespace ControlPlane.Scheduler.IntegrationTests.Infrastructure;

/// <summary>Waits for a condition with a bounded deadline (short polling delay, never a blind sleep).</summary>
public static class Wait
{
    /// <summary>Polls <paramref name="condition"/> until true or fails after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting until {what}.");
            }
            await Task.Delay(50);
        }
    }
}
