using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Startup;
using ControlPlane.Compute.UnitTests.Infrastructure;
using ControlPlane.Domain.States;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Testing;

namespace ControlPlane.Compute.UnitTests.Startup;

public sealed class ComputeStartupServiceTests
{
    [Fact]
    public async Task Start_up_retries_the_conductor_with_backoff_then_reconciles_and_opens_the_gate()
    {
        var f = new ComputeFixture();
        var interrupted = ComputeFixture.Spec(VmState.Building, TaskState.Spawning);
        f.Rpc.FailNextCalls(2);
        f.Rpc.OnCall = (topic, request) =>
        {
            Assert.Equal(Topics.Conductor, topic);
            Assert.Equal(ComputeFixture.Host, Assert.IsType<GetHostInstances>(request).Host);
            return new HostInstances { Instances = { interrupted } };
        };
        var readiness = new ComputeReadiness();
        var log = new RecordingLogger<ComputeStartupService>();
        using var service = new ComputeStartupService(f.Driver, f.Conductor, f.Reconciler, readiness, f.Options, f.Time, log);

        await service.StartAsync(CancellationToken.None);
        await f.Rpc.Changed.UntilAsync(() => f.Rpc.CallAttempts == 1, "the first call");
        Assert.True(readiness.IsDriverReady);
        Assert.False(readiness.IsReconciled);

        var retryDelay = f.Options.Value.ReconcileRetryDelay;
        Assert.Equal(retryDelay, await f.Time.AdvanceToNextTimerAsync("the first retry delay"));
        await f.Rpc.Changed.UntilAsync(() => f.Rpc.CallAttempts == 2, "the second call");
        Assert.False(readiness.IsReconciled);
        Assert.Equal(retryDelay * 2, await f.Time.AdvanceToNextTimerAsync("the doubled retry delay"));
        await readiness.WaitUntilReconciledAsync(CancellationToken.None).WithinAsync("the reconcile after the third call");
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(3, f.Rpc.CallAttempts);
        Assert.Equal(2, log.Entries.Count(e => e.EventId.Id == 3062));
        Assert.Equal(interrupted.InstanceId, Assert.Single(f.Rpc.CastsOf<BuildFailed>()).InstanceId);
    }

    [Fact]
    public async Task Handlers_wait_for_the_reconcile_before_touching_an_instance()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var readiness = new ComputeReadiness();
        var handler = new OperationHandler<BuildAndRunInstance>(readiness, f.Runner, f.BuildSteps);
        var spec = ComputeFixture.Spec();

        var handling = handler.HandleAsync(ComputeFixture.Build(spec), new RpcContext("req-1", "x", "1.0", false), CancellationToken.None);
        Assert.False(handling.IsCompleted);
        Assert.Empty(f.Rpc.Casts);

        readiness.MarkReconciled();
        await handling;

        Assert.Equal(VmState.Active, f.Rpc.CastsOf<InstanceUpdate>().Last().VmState);
    }

    [Fact]
    public async Task The_readiness_check_reports_each_start_up_phase()
    {
        var readiness = new ComputeReadiness();
        var check = new ComputeReadinessHealthCheck(readiness);
        var context = new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext();

        Assert.Contains("Initialising", (await check.CheckHealthAsync(context)).Description);
        readiness.MarkDriverReady();
        Assert.Contains("Reconciling", (await check.CheckHealthAsync(context)).Description);
        readiness.MarkReconciled();
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, (await check.CheckHealthAsync(context)).Status);
    }
}
