using System.Diagnostics;

namespace ControlPlane.Compute.Virt.XenApi.Tests.Infrastructure;

/// <summary>Waits on a condition with a bounded deadline (short polling delay), never a bare sleep.</summary>
internal static class Eventually
{
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > (timeout ?? TimeSpan.FromSeconds(20)))
            {
                throw new TimeoutException($"timed out waiting until {what}");
            }

            await Task.Delay(25);
        }
    }
}
