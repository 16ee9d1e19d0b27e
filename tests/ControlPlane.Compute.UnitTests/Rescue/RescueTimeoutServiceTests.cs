using ControlPlane.Compute.Rescue;
using ControlPlane.Compute.Startup;
using ControlPlane.Compute.UnitTests.Infrastructure;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Google.Protobuf.WellKnownTypes;

namespace ControlPlane.Compute.UnitTests.Rescue;

/// <summary>The rescue_timeout task: instances rescued longer than the timeout are unrescued and reported active.</summary>
public sealed class RescueTimeoutServiceTests
{
    [Fact]
    public async Task Only_instances_rescued_longer_than_the_timeout_are_unrescued()
    {
        var f = new ComputeFixture();
        f.RescueOptions.RescueTimeout = TimeSpan.FromHours(1);
        await f.InitAsync();
        var old = await RescuedAsync(f, f.Time.GetUtcNow() - TimeSpan.FromHours(2));
        var recent = await RescuedAsync(f, f.Time.GetUtcNow() - TimeSpan.FromMinutes(10));
        var service = new RescueTimeoutService(f.Conductor, f.RescueSteps, f.Locks, new ComputeReadiness(),
            Microsoft.Extensions.Options.Options.Create(f.RescueOptions), f.Options, f.Time, new RecordingLogger<RescueTimeoutService>());

        Assert.Equal(1, await service.RunOnceAsync(CancellationToken.None));

        var update = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>());
        Assert.Equal((old.InstanceId, VmState.Active, ""), (update.InstanceId, update.VmState, Assert.Single(update.ExpectedTaskStates)));
        Assert.Equal(RescueState.NotRescued, await f.RescueSteps.Driver.GetRescueStateAsync(ComputeFixture.Virt(old), CancellationToken.None));
        Assert.Equal(DriverPowerState.Running, await f.Driver.GetPowerStateAsync(ComputeFixture.Virt(old), CancellationToken.None));
        Assert.Equal(RescueState.Rescued, await f.RescueSteps.Driver.GetRescueStateAsync(ComputeFixture.Virt(recent), CancellationToken.None));
    }

    [Fact]
    public void The_options_refuse_a_negative_timeout_and_a_zero_interval()
    {
        var result = new RescueOptionsValidator().Validate(null, new RescueOptions { RescueTimeout = TimeSpan.FromSeconds(-1), PollInterval = TimeSpan.Zero });

        Assert.True(result.Failed);
        Assert.Contains("RescueTimeout", result.FailureMessage);
        Assert.Contains("PollInterval", result.FailureMessage);
        Assert.True(new RescueOptionsValidator().Validate(null, new RescueOptions()).Succeeded);
    }

    private static async Task<InstanceSpec> RescuedAsync(ComputeFixture f, DateTimeOffset launchedAt)
    {
        var spec = ComputeFixture.Spec(VmState.Rescued, "", power: PowerState.Running);
        spec.LaunchedAt = Timestamp.FromDateTimeOffset(launchedAt);
        await f.Driver.SpawnAsync(ComputeFixture.Virt(spec), f.Images, CancellationToken.None);
        await f.RescueSteps.RescueAsync(ComputeFixture.Virt(spec), Guid.NewGuid(), CancellationToken.None);
        lock (f.Assigned)
        {
            f.Assigned.Add(spec);
        }

        return spec;
    }
}
