using System.Diagnostics;

namespace XapiSim.Tests.Infrastructure;

/// <summary>Waits on a condition with a bounded deadline (polling with a short delay), never a bare sleep.</summary>
internal static class Eventually
{
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var elapsed = Stopwatch.StartNew();
        while (!await condition())
        {
            if (elapsed.Elapsed > limit)
            {
                throw new TimeoutException($"timed out after {limit} waiting until {what}");
            }

            await Task.Delay(25);
        }
    }
}
