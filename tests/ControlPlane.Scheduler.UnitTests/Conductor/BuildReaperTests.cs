using ControlPlane.Scheduler.Conductor;
using ControlPlane.Scheduler.Data;
using ControlPlane.Scheduler.Grains.Options;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ControlPlane.Scheduler.UnitTests.Conductor;

public sealed class BuildReaperTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public void Policy_treats_a_silent_or_forced_down_host_as_stuck()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        var downTime = TimeSpan.FromSeconds(60);
        var build = new StuckBuild(Guid.NewGuid(), "h1", 1, time.GetUtcNow(), ForcedDown: false);

        Assert.False(BuildReaperPolicy.IsStuck(build, time.GetUtcNow(), downTime));
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.False(BuildReaperPolicy.IsStuck(build, time.GetUtcNow(), downTime));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(BuildReaperPolicy.IsStuck(build, time.GetUtcNow(), downTime));

        Assert.True(BuildReaperPolicy.IsStuck(build with { LastSeenAt = null }, time.GetUtcNow(), downTime));
        Assert.True(BuildReaperPolicy.IsStuck(build with { LastSeenAt = time.GetUtcNow(), ForcedDown = true }, time.GetUtcNow(), downTime));
    }

    [Fact]
    public async Task Sweeps_once_per_interval_of_the_injected_clock()
    {
        var time = new FakeTimeProvider();
        var sweeper = new RecordingSweeper();
        var reaper = new BuildReaper(sweeper, Microsoft.Extensions.Options.Options.Create(new SchedulerOptions { ReaperIntervalSeconds = 10 }),
            time, NullLogger<BuildReaper>.Instance);
        await reaper.StartAsync(CancellationToken.None);
        try
        {
            time.Advance(TimeSpan.FromSeconds(9));
            Assert.Equal(0, sweeper.Calls);

            time.Advance(TimeSpan.FromSeconds(1));
            await sweeper.Changed.UntilAsync(() => sweeper.Calls >= 1, "the first sweep", Deadline);
            Assert.Equal(1, sweeper.Calls);

            time.Advance(TimeSpan.FromSeconds(10));
            await sweeper.Changed.UntilAsync(() => sweeper.Calls >= 2, "the second sweep", Deadline);
            Assert.Equal(2, sweeper.Calls);
        }
        finally
        {
            await reaper.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_failing_sweep_is_retried_at_the_next_tick()
    {
        var time = new FakeTimeProvider();
        var sweeper = new RecordingSweeper { FailFirst = true };
        var reaper = new BuildReaper(sweeper, Microsoft.Extensions.Options.Options.Create(new SchedulerOptions { ReaperIntervalSeconds = 5 }),
            time, NullLogger<BuildReaper>.Instance);
        await reaper.StartAsync(CancellationToken.None);
        try
        {
            time.Advance(TimeSpan.FromSeconds(5));
            await sweeper.Changed.UntilAsync(() => sweeper.Calls >= 1, "the failing first sweep", Deadline);
            time.Advance(TimeSpan.FromSeconds(5));
            await sweeper.Changed.UntilAsync(() => sweeper.Calls >= 2, "the retried sweep at the next tick", Deadline);
            Assert.Equal(2, sweeper.Calls);
        }
        finally
        {
            await reaper.StopAsync(CancellationToken.None);
        }
    }

    private sealed class RecordingSweeper : IStuckBuildSweeper
    {
        private int count;

        public bool FailFirst { get; init; }

        public int Calls => Volatile.Read(ref count);

        /// <summary>Notified after every sweep.</summary>
        public ChangeSignal Changed { get; } = new();

        public Task<int> SweepAsync(CancellationToken ct)
        {
            var n = Interlocked.Increment(ref count);
            Changed.Notify();
            return n == 1 && FailFirst ? throw new InvalidOperationException("database down") : Task.FromResult(0);
        }
    }
}
