using ControlPlane.Testing;

namespace ControlPlane.Compute.UnitTests.Testing;

/// <summary>The shared ControlPlane.Testing waits (no runner of their own; tested here, their first user).</summary>
public sealed class SharedWaitHelpersTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task A_change_signal_wait_completes_only_once_a_notified_change_makes_the_condition_hold()
    {
        var signal = new ChangeSignal();
        var count = 0;

        var waiting = signal.UntilAsync(() => Volatile.Read(ref count) == 2, "two changes");
        Volatile.Write(ref count, 1);
        signal.Notify();
        Assert.False(waiting.IsCompleted);
        Volatile.Write(ref count, 2);
        signal.Notify();

        await waiting.WithinAsync("the change-signal wait");
        Assert.Equal(2, signal.Version);
    }

    [Fact]
    public async Task A_change_signal_wait_fails_at_its_deadline_naming_the_condition_and_the_last_value()
    {
        var signal = new ChangeSignal();

        var error = await Assert.ThrowsAsync<WaitTimeoutException>(() => signal.UntilAsync(() => 3, n => n == 0, "queue drained", Short));

        Assert.Equal("queue drained", error.What);
        Assert.Equal("3", error.LastObserved);
        Assert.Contains("waiting for: queue drained (last observed: 3)", error.Message);
    }

    [Fact]
    public async Task Eventually_returns_the_first_accepted_value_and_names_the_last_one_when_it_gives_up()
    {
        var reads = 0;
        Assert.Equal(3, await Eventually.UntilAsync(() => Task.FromResult(++reads), n => n == 3, "a third read", pollInterval: TimeSpan.FromMilliseconds(1)));

        var error = await Assert.ThrowsAsync<WaitTimeoutException>(() =>
            Eventually.UntilAsync(() => Task.FromResult("building"), s => s == "active", "the server active", Short));
        Assert.Equal("\"building\"", error.LastObserved);
        await Assert.ThrowsAsync<WaitTimeoutException>(() => Eventually.UntilAsync(() => false, "never", Short));
        Assert.Equal("found", await Eventually.FoundAsync(() => reads == 3 ? "found" : null, "the third read"));
    }

    [Fact]
    public async Task Within_fails_a_task_that_does_not_complete_by_the_deadline()
    {
        var never = new TaskCompletionSource<int>();

        var error = await Assert.ThrowsAsync<WaitTimeoutException>(() => never.Task.WithinAsync("the reply", Short));

        Assert.Equal("the reply", error.What);
        Assert.Equal(7, await Task.FromResult(7).WithinAsync("a completed task"));
    }

    [Fact]
    public async Task The_fake_clock_advances_exactly_to_the_delay_the_code_under_test_waits_on()
    {
        var clock = new FakeClock(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        Assert.Null(clock.NextDueAt);

        var delay = Task.Run(() => Task.Delay(TimeSpan.FromSeconds(5), clock));
        Assert.Equal(TimeSpan.FromSeconds(5), await clock.AdvanceToNextTimerAsync("the delay"));

        await delay.WithinAsync("the delay, once the clock reached it");
        Assert.Equal(0, clock.PendingTimers);
    }

    [Fact]
    public async Task The_fake_clock_tracks_periodic_timers_and_forgets_disposed_ones()
    {
        var clock = new FakeClock();
        using var periodic = new PeriodicTimer(TimeSpan.FromSeconds(10), clock);
        using var cancel = new CancellationTokenSource();
        var cancelled = Task.Delay(TimeSpan.FromSeconds(3), clock, cancel.Token);
        await clock.WhenPendingAsync(2, "both timers");

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, clock.PendingTimers);

        var tick = periodic.WaitForNextTickAsync().AsTask();
        Assert.Equal(TimeSpan.FromSeconds(10), await clock.AdvanceToNextTimerAsync("the first tick"));
        Assert.True(await tick.WithinAsync("the first tick"));
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(10), clock.NextDueAt);
    }
}
