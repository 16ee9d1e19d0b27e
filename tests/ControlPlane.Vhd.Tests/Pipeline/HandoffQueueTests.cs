using ControlPlane.Vhd.Pipeline;

namespace ControlPlane.Vhd.Tests.Pipeline;

public sealed class HandoffQueueTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public void A_completed_queue_drains_in_order_then_reports_the_end()
    {
        using var queue = new HandoffQueue<string>(3, CancellationToken.None);
        queue.Add("a");
        queue.Add("b");
        queue.Complete();
        Assert.True(queue.TryTake(out string? first));
        Assert.True(queue.TryTake(out string? second));
        Assert.False(queue.TryTake(out string? none));
        Assert.Equal(("a", "b", (string?)null), (first, second, none));
    }

    [Fact]
    public async Task A_full_queue_blocks_the_adder_until_an_item_is_taken()
    {
        using var queue = new HandoffQueue<string>(1, CancellationToken.None);
        queue.Add("a");
        var added = new ManualResetEventSlim();
        Task adder = Task.Run(() =>
        {
            queue.Add("b");
            added.Set();
        });

        Assert.False(added.Wait(TimeSpan.FromMilliseconds(200)), "Add did not wait for room");
        Assert.True(queue.TryTake(out string? first));
        await adder.WaitAsync(Deadline);
        Assert.True(queue.TryTake(out string? second));
        Assert.Equal(("a", "b"), (first, second));
    }

    [Fact]
    public async Task Cancelling_wakes_a_blocked_taker()
    {
        using var cts = new CancellationTokenSource();
        using var queue = new HandoffQueue<string>(1, cts.Token);
        var waiting = new ManualResetEventSlim();
        Task taker = Task.Run(() =>
        {
            waiting.Set();
            queue.TryTake(out _);
        });

        Assert.True(waiting.Wait(Deadline));
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => taker.WaitAsync(Deadline));
    }
}
