namespace ControlPlane.Common.IntegrationTests.Infrastructure;

/// <summary>Bounded waits on conditions (never a bare sleep).</summary>
public static class Wait
{
    /// <summary>Default deadline of a wait.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    /// <summary>Polls <paramref name="condition"/> every 50 ms until true; fails naming <paramref name="what"/> at the deadline.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTimeOffset.UtcNow + (timeout ?? Deadline);
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Timed out after {(timeout ?? Deadline).TotalSeconds} s waiting for: {what}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Awaits <paramref name="task"/> up to the deadline; fails naming <paramref name="what"/> otherwise.</summary>
    public static async Task<T> ForAsync<T>(Task<T> task, string what, TimeSpan? timeout = null)
    {
        try
        {
            return await task.WaitAsync(timeout ?? Deadline);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Timed out after {(timeout ?? Deadline).TotalSeconds} s waiting for: {what}");
            throw;
        }
    }
}
