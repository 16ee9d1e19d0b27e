using ControlPlane.Scheduler.Data;
using ControlPlane.Scheduler.Grains.Capacity;
using ControlPlane.Scheduler.Scheduling.Filters;

namespace ControlPlane.Scheduler.UnitTests.Scheduling;

public sealed class FilterTests
{
    private static readonly AllocationRatios Ratios = new(1.5, 16, 1.0);
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan DownTime = TimeSpan.FromSeconds(60);

    private static HostUsage Usage(Resources totals, Resources used) =>
        new("h", totals, Ratios.LimitsFor(totals), used, 1, CapacityKnown: true);

    [Fact]
    public void RamFilter_applies_the_ram_ratio()
    {
        var usage = Usage(Resources.ForHost(1000, 4, 100), new Resources(1000, 0, 0));
        Assert.True(new RamFilter().Passes(usage, new Resources(500, 1, 0)));
        Assert.False(new RamFilter().Passes(usage, new Resources(501, 1, 0)));
    }

    [Fact]
    public void CoreFilter_applies_the_cpu_ratio()
    {
        var usage = Usage(Resources.ForHost(1000, 1, 100), new Resources(0, 15, 0));
        Assert.True(new CoreFilter().Passes(usage, new Resources(1, 1, 0)));
        Assert.False(new CoreFilter().Passes(usage, new Resources(1, 2, 0)));
    }

    [Fact]
    public void DiskFilter_counts_root_ephemeral_and_swap()
    {
        var usage = Usage(Resources.ForHost(1000, 1, 10), Resources.ForFlavor(1, 1, 8, 0, 0));
        Assert.True(new DiskFilter().Passes(usage, Resources.ForFlavor(1, 1, 1, 1, 0)));
        Assert.False(new DiskFilter().Passes(usage, Resources.ForFlavor(1, 1, 1, 1, 1)));
    }

    [Fact]
    public void Resource_filters_refuse_a_host_whose_capacity_is_unknown()
    {
        var usage = new HostUsage("h", Resources.Zero, Resources.Zero, Resources.Zero, 0, CapacityKnown: false);
        Assert.False(new RamFilter().Passes(usage, Resources.Zero));
        Assert.False(new CoreFilter().Passes(usage, Resources.Zero));
        Assert.False(new DiskFilter().Passes(usage, Resources.Zero));
    }

    [Fact]
    public void ComputeFilter_accepts_a_fresh_enabled_service()
    {
        Assert.True(ComputeFilter.IsUp(new ComputeService("h", false, false, Now.AddSeconds(-59)), Now, DownTime));
        Assert.True(ComputeFilter.IsUp(new ComputeService("h", false, false, Now.AddSeconds(-60)), Now, DownTime));
    }

    [Fact]
    public void ComputeFilter_refuses_stale_disabled_forced_down_and_silent_services()
    {
        Assert.False(ComputeFilter.IsUp(new ComputeService("h", false, false, Now.AddSeconds(-61)), Now, DownTime));
        Assert.False(ComputeFilter.IsUp(new ComputeService("h", true, false, Now), Now, DownTime));
        Assert.False(ComputeFilter.IsUp(new ComputeService("h", false, true, Now), Now, DownTime));
        Assert.False(ComputeFilter.IsUp(new ComputeService("h", false, false, null), Now, DownTime));
    }
}
