using ControlPlane.Scheduler.Data;
using ControlPlane.Scheduler.Grains.Capacity;
using ControlPlane.Scheduler.Scheduling;
using ControlPlane.Scheduler.Scheduling.Weighers;

namespace ControlPlane.Scheduler.UnitTests.Scheduling;

public sealed class HostSelectorTests
{
    private static readonly AllocationRatios Ratios = new(1.5, 16, 1.0);
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private static HostUsage Usage(string host, long totalMb, long usedMb)
    {
        var totals = Resources.ForHost(totalMb, 8, 100);
        return new HostUsage(host, totals, Ratios.LimitsFor(totals), new Resources(usedMb, 0, 0), 0, true);
    }

    [Fact]
    public void RamWeigher_prefers_most_free_ram_after_the_ratio()
    {
        var ordered = RamWeigher.Order([Usage("a", 1000, 0), Usage("b", 4000, 3000), Usage("c", 2000, 0)]);
        // free: a 1500, b 3000, c 3000 -> b and c tie, broken by name
        Assert.Equal(["b", "c", "a"], ordered.Select(u => u.Host));
    }

    [Fact]
    public void Rank_drops_hosts_where_the_request_does_not_fit()
    {
        var ranked = HostSelector.Rank([Usage("small", 1000, 1000), Usage("big", 8000, 0)], new Resources(600, 1, 1024));
        Assert.Equal(["big"], ranked.Select(u => u.Host));
    }

    [Fact]
    public void UpHosts_skips_excluded_and_down_services()
    {
        ComputeService[] services =
        [
            new("up", false, false, Now),
            new("tried", false, false, Now),
            new("stale", false, false, Now.AddMinutes(-5)),
            new("disabled", true, false, Now),
        ];
        var up = HostSelector.UpHosts(services, ["tried"], Now, TimeSpan.FromSeconds(60));
        Assert.Equal(["up"], up);
    }
}
