namespace ControlPlane.Testing;

/// <summary>
/// A signal a fake completes each time its state changes (a cast recorded, a log line written, a
/// timer scheduled). Tests wait for a condition over the fake's state with
/// <see cref="UntilAsync"/>: the condition is re-checked only when the fake calls
/// <see cref="Notify"/>, never on a polling interval, and the wait fails at its deadline naming
/// the condition. Thread-safe; notifications before the wait starts are not lost because the
/// condition is checked first.
/// </summary>
public sealed class ChangeSignal
{
    private TaskCompletionSource _next = NewSource();
    private long _version;

    /// <summary>How many times <see cref="Notify"/> was called.</summary>
    public long Version => Interlocked.Read(ref _version);

    /// <summary>Records a change and wakes every waiter so it re-checks its condition.</summary>
    public void Notify()
    {
        Interlocked.Increment(ref _version);
        Interlocked.Exchange(ref _next, NewSource()).TrySetResult();
    }

    /// <summary>
    /// Completes once <paramref name="condition"/> holds, re-checking it after each
    /// <see cref="Notify"/>; throws <see cref="WaitTimeoutException"/> after <paramref name="timeout"/>
    /// (<see cref="Eventually.DefaultTimeout"/> unless given, measured in real time as a safety net).
    /// </summary>
    public async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        var limit = timeout ?? Eventually.DefaultTimeout;
        using var deadline = new CancellationTokenSource(limit);
        while (true)
        {
            // Take the next notification before checking, so a change between the check and the
            // wait still wakes us.
            var next = Volatile.Read(ref _next).Task;
            if (condition())
            {
                return;
            }

            try
            {
                await next.WaitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                if (condition())
                {
                    return;
                }

                throw new WaitTimeoutException(what, limit);
            }
        }
    }

    /// <summary>
    /// Like <see cref="UntilAsync(Func{bool}, string, TimeSpan?)"/> over an observed value; returns
    /// the accepted value and names the last one observed on failure.
    /// </summary>
    public async Task<T> UntilAsync<T>(Func<T> observe, Func<T, bool> accept, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(observe);
        ArgumentNullException.ThrowIfNull(accept);
        var last = default(T);
        try
        {
            await UntilAsync(() => accept(last = observe()), what, timeout).ConfigureAwait(false);
        }
        catch (WaitTimeoutException)
        {
            throw new WaitTimeoutException(what, timeout ?? Eventually.DefaultTimeout, Eventually.Show(last));
        }

        return last!;
    }

    /// <summary>Waits until <paramref name="probe"/> finds something (returns non-null) and returns it.</summary>
    public async Task<T> FoundAsync<T>(Func<T?> probe, string what, TimeSpan? timeout = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        T? found = null;
        await UntilAsync(() => (found = probe()) is not null, what, timeout).ConfigureAwait(false);
        return found!;
    }

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
