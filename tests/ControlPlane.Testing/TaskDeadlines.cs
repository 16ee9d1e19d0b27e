namespace ControlPlane.Testing;

/// <summary>
/// Awaits a task the code under test completes (a signal) with a deadline, so a hang fails the
/// test naming what it waited for instead of stalling the run.
/// </summary>
public static class TaskDeadlines
{
    /// <summary>Awaits <paramref name="task"/> for up to <paramref name="timeout"/>
    /// (<see cref="Eventually.DefaultTimeout"/> unless given); throws <see cref="WaitTimeoutException"/> otherwise.</summary>
    public static async Task WithinAsync(this Task task, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        var limit = timeout ?? Eventually.DefaultTimeout;
        try
        {
            await task.WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException e) when (!task.IsCompleted && e is not WaitTimeoutException)
        {
            throw new WaitTimeoutException(what, limit);
        }
    }

    /// <summary>Awaits <paramref name="task"/> for up to <paramref name="timeout"/> and returns its result.</summary>
    public static async Task<T> WithinAsync<T>(this Task<T> task, string what, TimeSpan? timeout = null)
    {
        await ((Task)task).WithinAsync(what, timeout).ConfigureAwait(false);
        return await task.ConfigureAwait(false);
    }
}
