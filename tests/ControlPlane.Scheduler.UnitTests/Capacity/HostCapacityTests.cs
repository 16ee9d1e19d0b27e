using ControlPlane.Scheduler.Grains.Capacity;

namespace ControlPlane.Scheduler.UnitTests.Capacity;

public sealed class HostCapacityTests
{
    private static readonly AllocationRatios NovaDefaults = new(Ram: 1.5, Cpu: 16, Disk: 1.0);

    private static HostCapacity Host(long memoryMb = 1000, int vcpus = 2, long localGb = 10)
    {
        var capacity = new HostCapacity("host-a", NovaDefaults);
        capacity.SetTotals(Resources.ForHost(memoryMb, vcpus, localGb));
        return capacity;
    }

    [Fact]
    public void Ram_limit_is_total_times_ratio()
    {
        var host = Host(memoryMb: 1000);
        Assert.Equal(ClaimOutcome.Claimed, host.TryClaim(Guid.NewGuid(), new Resources(1000, 1, 0)));
        Assert.Equal(ClaimOutcome.Claimed, host.TryClaim(Guid.NewGuid(), new Resources(500, 1, 0)));
        Assert.Equal(ClaimOutcome.InsufficientRam, host.TryClaim(Guid.NewGuid(), new Resources(1, 1, 0)));
        Assert.Equal(1500, host.Used.MemoryMb);
        Assert.Equal(1500, host.Limits.MemoryMb);
    }

    [Fact]
    public void Vcpu_limit_is_total_times_sixteen()
    {
        var host = Host(memoryMb: 1_000_000, vcpus: 2);
        for (var i = 0; i < 32; i++)
        {
            Assert.Equal(ClaimOutcome.Claimed, host.TryClaim(Guid.NewGuid(), new Resources(1, 1, 0)));
        }
        Assert.Equal(ClaimOutcome.InsufficientVcpus, host.TryClaim(Guid.NewGuid(), new Resources(1, 1, 0)));
        Assert.Equal(32, host.Used.Vcpus);
    }

    [Fact]
    public void Disk_is_not_overcommitted_with_ratio_one()
    {
        var host = Host(memoryMb: 100_000, vcpus: 100, localGb: 10);
        Assert.Equal(ClaimOutcome.Claimed, host.TryClaim(Guid.NewGuid(), Resources.ForFlavor(512, 1, 5, 4, 0)));
        // 9 GB used of 10: 1 GB root fits exactly, then a single MB of swap does not.
        Assert.Equal(ClaimOutcome.Claimed, host.TryClaim(Guid.NewGuid(), Resources.ForFlavor(512, 1, 1, 0, 0)));
        Assert.Equal(ClaimOutcome.InsufficientDisk, host.TryClaim(Guid.NewGuid(), Resources.ForFlavor(512, 1, 0, 0, 1)));
    }

    [Fact]
    public void Claim_is_idempotent_per_instance()
    {
        var host = Host();
        var id = Guid.NewGuid();
        Assert.Equal(ClaimOutcome.Claimed, host.TryClaim(id, new Resources(800, 1, 0)));
        Assert.Equal(ClaimOutcome.AlreadyClaimed, host.TryClaim(id, new Resources(800, 1, 0)));
        Assert.Equal(800, host.Used.MemoryMb);
        Assert.Equal(1, host.ClaimCount);
    }

    [Fact]
    public void Release_frees_the_claim_once()
    {
        var host = Host();
        var id = Guid.NewGuid();
        host.TryClaim(id, new Resources(1500, 2, 1024));
        Assert.True(host.Release(id));
        Assert.False(host.Release(id));
        Assert.Equal(Resources.Zero, host.Used);
        Assert.Equal(ClaimOutcome.Claimed, host.TryClaim(Guid.NewGuid(), new Resources(1500, 2, 1024)));
    }

    [Fact]
    public void Unknown_capacity_refuses_every_claim()
    {
        var host = new HostCapacity("fresh", NovaDefaults);
        Assert.Equal(ClaimOutcome.UnknownCapacity, host.TryClaim(Guid.NewGuid(), new Resources(1, 1, 0)));
        Assert.False(host.CapacityKnown);
    }

    [Fact]
    public void Ensure_records_placed_usage_without_checking_limits()
    {
        var host = Host(memoryMb: 1000);
        var id = Guid.NewGuid();
        Assert.True(host.Ensure(id, new Resources(4000, 1, 0)));
        Assert.False(host.Ensure(id, new Resources(4000, 1, 0)));
        Assert.Equal(4000, host.Used.MemoryMb);
        Assert.Equal(ClaimOutcome.InsufficientRam, host.TryClaim(Guid.NewGuid(), new Resources(1, 1, 0)));
        Assert.True(host.Snapshot().Free.MemoryMb < 0);
    }

    [Fact]
    public void Shrinking_totals_keeps_claims_and_blocks_new_ones()
    {
        var host = Host(memoryMb: 2000);
        host.TryClaim(Guid.NewGuid(), new Resources(2000, 1, 0));
        host.SetTotals(Resources.ForHost(1000, 2, 10));
        Assert.Equal(2000, host.Used.MemoryMb);
        Assert.Equal(ClaimOutcome.InsufficientRam, host.TryClaim(Guid.NewGuid(), new Resources(1, 1, 0)));
    }

    [Fact]
    public void Negative_amounts_are_rejected()
    {
        var host = Host();
        Assert.Throws<ArgumentOutOfRangeException>(() => host.TryClaim(Guid.NewGuid(), new Resources(-1, 1, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => host.SetTotals(new Resources(1, -1, 0)));
        Assert.Equal(0, host.ClaimCount);
    }

    [Fact]
    public void Snapshot_reports_totals_limits_and_usage()
    {
        var host = Host(memoryMb: 1000, vcpus: 2, localGb: 10);
        host.TryClaim(Guid.NewGuid(), Resources.ForFlavor(512, 1, 1, 0, 0));
        var usage = host.Snapshot();
        Assert.Equal(new Resources(1000, 2, 10240), usage.Totals);
        Assert.Equal(new Resources(1500, 32, 10240), usage.Limits);
        Assert.Equal(new Resources(512, 1, 1024), usage.Used);
        Assert.Equal(new Resources(988, 31, 9216), usage.Free);
        Assert.Equal(1, usage.Claims);
    }
}
