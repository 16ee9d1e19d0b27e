using System.Diagnostics;

namespace ControlPlane.Testing;

/// <summary>
/// Bounded polling of a condition on real time, for tests that watch something outside the
/// process (a broker queue, a database row, an HTTP endpoint) and so have no signal to wait on.
/// Each wait re-checks its condition every <see cref="DefaultPollInterval"/> (or the interval
/// given) until it holds, and throws <see cref="WaitTimeoutException"/> naming the condition and
/// the last observed value at the deadline (<see cref="DefaultTimeout"/> unless given). Exceptions
/// thrown by the condition are not swallowed: they fail the test at once.
/// Unit tests should prefer <see cref="ChangeSignal"/> or <see cref="FakeClock"/>.
/// </summary>
public static class Eventually
{
    /// <summary>Deadline of a wait that gives none: 30 s.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Pause between two checks of a condition that gives none: 50 ms.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Waits until <paramref name="condition"/> returns true.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(condition, held => held, what, timeout, pollInterval);
    }

    /// <summary>Waits until the synchronous <paramref name="condition"/> returns true.</summary>
    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return UntilAsync(() => Task.FromResult(condition()), held => held, what, timeout, pollInterval);
    }

    /// <summary>
    /// Observes a value until <paramref name="accept"/> holds for it and returns that value; at
    /// the deadline the failure message carries the last value observed (e.g. a queue depth).
    /// </summary>
    public static async Task<T> UntilAsync<T>(
        Func<Task<T>> observe, Func<T, bool> accept, string what, TimeSpan? timeout = null, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(observe);
        ArgumentNullException.ThrowIfNull(accept);
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        var limit = timeout ?? DefaultTimeout;
        var pause = pollInterval ?? DefaultPollInterval;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(pause, TimeSpan.Zero, nameof(pollInterval));
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var value = await observe().ConfigureAwait(false);
            if (accept(value))
            {
                return value;
            }

            if (clock.Elapsed >= limit)
            {
                throw new WaitTimeoutException(what, limit, value is bool ? null : Show(value));
            }

            await Task.Delay(pause).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until <paramref name="probe"/> finds something (returns non-null) and returns it.</summary>
    public static async Task<T> FoundAsync<T>(Func<T?> probe, string what, TimeSpan? timeout = null, TimeSpan? pollInterval = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        var found = await UntilAsync(() => Task.FromResult(probe()), value => value is not null, what, timeout, pollInterval)
            .ConfigureAwait(false);
        return found!;
    }

    /// <summary>Waits until the asynchronous <paramref name="probe"/> finds something (returns non-null) and returns it.</summary>
    public static async Task<T> FoundAsync<T>(Func<Task<T?>> probe, string what, TimeSpan? timeout = null, TimeSpan? pollInterval = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        var found = await UntilAsync(probe, value => value is not null, what, timeout, pollInterval).ConfigureAwait(false);
        return found!;
    }

    internal static string Show<T>(T value) => value switch
    {
        null => "null",
        string s => '"' + s + '"',
        _ => value.ToString() ?? value.GetType().Name,
    };
}
