using ControlPlane.Compute.Heartbeat;
using ControlPlane.Compute.Startup;
using ControlPlane.Compute.UnitTests.Infrastructure;
using ControlPlane.Compute.Virt.Fake;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Testing;

namespace ControlPlane.Compute.UnitTests.Heartbeat;

public sealed class HeartbeatServiceTests
{
    [Fact]
    public async Task Reports_capacity_once_the_driver_is_ready_then_every_interval()
    {
        var f = new ComputeFixture(new FakeDriverOptions { MemoryMb = 8192, Vcpus = 4, DiskGb = 100 });
        await f.InitAsync();
        await f.Driver.SpawnAsync(ComputeFixture.Virt(ComputeFixture.Spec(memoryMb: 2048, vcpus: 2, rootGb: 20)), f.Images, CancellationToken.None);
        var readiness = new ComputeReadiness();
        using var service = new HeartbeatService(f.Driver, f.Conductor, readiness, f.Options, f.Time, new RecordingLogger<HeartbeatService>());

        await service.StartAsync(CancellationToken.None);
        Assert.Empty(f.Rpc.Casts);
        readiness.MarkDriverReady();
        await f.Rpc.Changed.UntilAsync(() => f.Rpc.CastsOf<ServiceReport>().Count == 1, "the first report");

        // The only thing the service waits on is its report timer: one interval, then again.
        Assert.Equal(TimeSpan.FromSeconds(10), await f.Time.AdvanceToNextTimerAsync("the report timer"));
        await f.Rpc.Changed.UntilAsync(() => f.Rpc.CastsOf<ServiceReport>().Count == 2, "the second report");
        Assert.Equal(TimeSpan.FromSeconds(10), await f.Time.AdvanceToNextTimerAsync("the report timer, re-armed"));
        await f.Rpc.Changed.UntilAsync(() => f.Rpc.CastsOf<ServiceReport>().Count == 3, "the third report");
        await service.StopAsync(CancellationToken.None);

        var report = f.Rpc.CastsOf<ServiceReport>()[2];
        Assert.Equal(ComputeFixture.Host, report.Host);
        Assert.Equal(HeartbeatService.Binary, report.Binary);
        Assert.Equal(f.Time.GetUtcNow(), report.SentAt.ToDateTimeOffset());
        Assert.Equal(8192, report.Capacity.MemoryMb);
        Assert.Equal(2048, report.Capacity.MemoryMbUsed);
        Assert.Equal(4, report.Capacity.Vcpus);
        Assert.Equal(2, report.Capacity.VcpusUsed);
        Assert.Equal(100, report.Capacity.LocalGb);
        Assert.Equal(20, report.Capacity.LocalGbUsed);
        Assert.Equal(1, report.Capacity.RunningVms);
        Assert.Equal("fake", report.Capacity.HypervisorType);
        Assert.Equal(ComputeFixture.Host, report.Capacity.HypervisorHostname);
        Assert.Equal(["ConsoleOutput", "Pause", "Rebuild", "Rescue", "Resize", "Snapshot", "Suspend", "VncConsole"], report.DriverFeatures.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_failed_report_is_logged_and_the_next_interval_reports_again()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var readiness = new ComputeReadiness();
        readiness.MarkDriverReady();
        var log = new RecordingLogger<HeartbeatService>();
        f.Rpc.FailNextCasts(1);
        using var service = new HeartbeatService(f.Driver, f.Conductor, readiness, f.Options, f.Time, log);

        await service.StartAsync(CancellationToken.None);
        await log.Changed.UntilAsync(() => log.Has(3041), "the failure was logged");
        Assert.Empty(f.Rpc.Casts);
        Assert.Equal(TimeSpan.FromSeconds(10), await f.Time.AdvanceToNextTimerAsync("the report timer"));
        await f.Rpc.Changed.UntilAsync(() => f.Rpc.CastsOf<ServiceReport>().Count == 1, "the next report");
        await service.StopAsync(CancellationToken.None);
    }
}
