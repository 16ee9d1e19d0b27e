namespace ControlPlane.ImageStore.IntegrationTests.Infrastructure;

/// <summary>Waits on a condition with a bounded deadline (never a bare sleep).</summary>
public static class Wait
{
    /// <summary>Polls <paramref name="condition"/> every 50 ms until it holds; fails after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (!await condition())
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds} s waiting for {what}.");
            }
            await Task.Delay(50);
        }
    }
}
