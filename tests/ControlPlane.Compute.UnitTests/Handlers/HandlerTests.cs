using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Startup;
using ControlPlane.Compute.UnitTests.Infrastructure;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.States;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.UnitTests.Handlers;

public sealed class HandlerTests
{
    private static readonly RpcContext Context = new("req-1", "t", "1.0", false);

    [Fact]
    public async Task A_broker_outage_while_reporting_requeues_instead_of_dead_lettering()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var readiness = new ComputeReadiness();
        readiness.MarkReconciled();
        f.Rpc.FailNextCasts(1);
        var handler = new OperationHandler<TerminateInstance>(readiness, f.Runner, f.TerminateSteps);

        var error = await Assert.ThrowsAsync<ConductorUnreachableException>(() =>
            handler.HandleAsync(ComputeFixture.Terminate(ComputeFixture.Spec(VmState.Active, TaskState.Deleting)), Context, CancellationToken.None));

        Assert.IsNotAssignableFrom<ControlPlaneException>(error);
        Assert.IsType<ServiceUnavailableException>(error.InnerException);
    }

    [Fact]
    public async Task A_malformed_message_stays_a_rejection_and_is_dead_lettered()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var readiness = new ComputeReadiness();
        readiness.MarkReconciled();
        var handler = new OperationHandler<BuildAndRunInstance>(readiness, f.Runner, f.BuildSteps);

        await Assert.ThrowsAsync<InvalidException>(() =>
            handler.HandleAsync(new BuildAndRunInstance(), Context, CancellationToken.None));
    }
}
