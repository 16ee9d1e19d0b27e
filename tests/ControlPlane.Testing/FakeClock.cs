using Microsoft.Extensions.Time.Testing;

namespace ControlPlane.Testing;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows which timers the code under test is waiting on
/// (<c>Task.Delay</c>, <c>PeriodicTimer</c>, <c>WaitAsync</c> and timed cancellation on this
/// provider all create one). A test waits for the code to start waiting — a signal, not a poll —
/// then moves the clock exactly to that timer's due time:
/// <code>
/// var delay = await clock.AdvanceToNextTimerAsync("the first retry delay");
/// Assert.Equal(TimeSpan.FromSeconds(1), delay);
/// </code>
/// Every timer created, re-armed, fired or disposed notifies <see cref="TimersChanged"/>.
/// </summary>
public sealed class FakeClock : FakeTimeProvider
{
    private readonly Lock _gate = new();
    private readonly HashSet<TrackedTimer> _timers = [];

    /// <summary>A clock starting at <see cref="FakeTimeProvider"/>'s default instant.</summary>
    public FakeClock()
    {
    }

    /// <summary>A clock starting at <paramref name="start"/>.</summary>
    public FakeClock(DateTimeOffset start)
        : base(start)
    {
    }

    /// <summary>Notified whenever a timer is created, re-armed, fires or is disposed.</summary>
    public ChangeSignal TimersChanged { get; } = new();

    /// <summary>How many live timers have a due time (are waiting for the clock).</summary>
    public int PendingTimers
    {
        get
        {
            lock (_gate)
            {
                return _timers.Count(t => t.DueAt is not null);
            }
        }
    }

    /// <summary>The earliest due time of a pending timer, or null when nothing waits on the clock.</summary>
    public DateTimeOffset? NextDueAt
    {
        get
        {
            lock (_gate)
            {
                return _timers.Min(t => t.DueAt);
            }
        }
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new TrackedTimer(this, callback, state);
        lock (_gate)
        {
            _timers.Add(timer);
            timer.Arm(GetUtcNow(), dueTime, period);
        }

        // The base timer may fire at once (due time zero); the tracked timer is already armed.
        timer.Inner = base.CreateTimer(static s => ((TrackedTimer)s!).Fire(), timer, dueTime, period);
        TimersChanged.Notify();
        return timer;
    }

    /// <summary>Waits (on <see cref="TimersChanged"/>) until at least <paramref name="count"/> timers are pending.</summary>
    public Task WhenPendingAsync(int count, string what, TimeSpan? timeout = null) =>
        TimersChanged.UntilAsync(() => PendingTimers >= count, what, timeout);

    /// <summary>
    /// Waits until the code under test has a pending timer, advances the clock exactly to the
    /// earliest due time (firing that timer) and returns how far the clock moved.
    /// </summary>
    public async Task<TimeSpan> AdvanceToNextTimerAsync(string what, TimeSpan? timeout = null)
    {
        await TimersChanged.UntilAsync(() => NextDueAt is not null, what, timeout).ConfigureAwait(false);
        var step = (NextDueAt ?? GetUtcNow()) - GetUtcNow();
        if (step < TimeSpan.Zero)
        {
            step = TimeSpan.Zero;
        }

        Advance(step);
        return step;
    }

    private void Forget(TrackedTimer timer)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
        }

        TimersChanged.Notify();
    }

    /// <summary>Wraps the base timer to keep its due time (guarded by the clock's gate).</summary>
    private sealed class TrackedTimer(FakeClock clock, TimerCallback callback, object? state) : ITimer
    {
        private TimeSpan _period;

        public ITimer? Inner { get; set; }

        public DateTimeOffset? DueAt { get; private set; }

        public void Arm(DateTimeOffset now, TimeSpan dueTime, TimeSpan period)
        {
            DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : now + dueTime;
            _period = period;
        }

        public void Fire()
        {
            lock (clock._gate)
            {
                DueAt = _period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan ? DueAt + _period : null;
            }

            callback(state);
            clock.TimersChanged.Notify();
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._gate)
            {
                Arm(clock.GetUtcNow(), dueTime, period);
            }

            var changed = Inner?.Change(dueTime, period) ?? false;
            clock.TimersChanged.Notify();
            return changed;
        }

        public void Dispose()
        {
            Inner?.Dispose();
            clock.Forget(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
