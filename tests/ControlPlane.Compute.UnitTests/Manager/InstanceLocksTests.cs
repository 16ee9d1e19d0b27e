using ControlPlane.Compute.Manager;

namespace ControlPlane.Compute.UnitTests.Manager;

public sealed class InstanceLocksTests
{
    [Fact]
    public async Task One_instance_is_serialised_others_run_in_parallel_and_the_table_empties()
    {
        var locks = new InstanceLocks();
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();

        var first = await locks.AcquireAsync(a, CancellationToken.None);
        var second = locks.AcquireAsync(a, CancellationToken.None);
        var other = await locks.AcquireAsync(b, CancellationToken.None);
        Assert.False(second.IsCompleted);
        Assert.Equal(2, locks.Count);

        first.Dispose();
        first.Dispose(); // a second release is harmless
        (await second).Dispose();
        other.Dispose();

        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public async Task A_cancelled_waiter_leaves_no_entry_behind()
    {
        var locks = new InstanceLocks();
        var id = Guid.NewGuid();
        var held = await locks.AcquireAsync(id, CancellationToken.None);
        using var cts = new CancellationTokenSource();

        var waiting = locks.AcquireAsync(id, cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.Dispose();

        Assert.Equal(0, locks.Count);
    }
}
