using ControlPlane.Scheduler.Grains.Options;
using ControlPlane.Scheduler.Options;

namespace ControlPlane.Scheduler.UnitTests.Options;

public sealed class OptionsValidatorTests
{
    [Fact]
    public void Defaults_are_novas_and_valid()
    {
        var options = new SchedulerOptions();
        Assert.Equal(1.5, options.RamAllocationRatio);
        Assert.Equal(16.0, options.CpuAllocationRatio);
        Assert.Equal(1.0, options.DiskAllocationRatio);
        Assert.Equal(TimeSpan.FromSeconds(60), options.ServiceDownTime);
        Assert.Equal(3, options.MaxAttempts);
        Assert.Equal(8791, options.GrpcPort);
        Assert.True(new SchedulerOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(new SchedulerSiloOptionsValidator().Validate(null, new SchedulerSiloOptions()).Succeeded);
    }

    [Fact]
    public void Out_of_range_values_are_named()
    {
        var result = new SchedulerOptionsValidator().Validate(null, new SchedulerOptions { RamAllocationRatio = 0, MaxAttempts = 0, GrpcPort = 70000 });
        Assert.True(result.Failed);
        Assert.Contains("Scheduler:RamAllocationRatio", result.FailureMessage);
        Assert.Contains("Scheduler:MaxAttempts", result.FailureMessage);
        Assert.Contains("Scheduler:GrpcPort", result.FailureMessage);
    }

    [Fact]
    public void Silo_ports_must_differ()
    {
        var result = new SchedulerSiloOptionsValidator().Validate(null, new SchedulerSiloOptions { SiloPort = 30000, GatewayPort = 30000 });
        Assert.True(result.Failed);
        Assert.Contains("must differ", result.FailureMessage);
    }
}
