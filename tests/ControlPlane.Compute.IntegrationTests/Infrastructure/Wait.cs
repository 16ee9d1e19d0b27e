using System.Diagnostics;

namespace ControlPlane.Compute.IntegrationTests.Infrastructure;

/// <summary>Waits for a condition with a bounded deadline (short polling, never a bare sleep).</summary>
public static class Wait
{
    public static async Task<T> ForAsync<T>(Func<T?> probe, string what, TimeSpan? timeout = null) where T : class
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (probe() is { } value)
            {
                return value;
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit} waiting for {what}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits until an asynchronous probe holds.</summary>
    public static async Task ForAsync(Func<Task<bool>> probe, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var clock = Stopwatch.StartNew();
        while (!await probe())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit} waiting for the condition");
            }

            await Task.Delay(50);
        }
    }
}
