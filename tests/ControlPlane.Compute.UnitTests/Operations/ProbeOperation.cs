using ControlPlane.Compute.Operations;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;

namespace ControlPlane.Compute.UnitTests.Operations;

/// <summary>An operation whose definition and steps a test chooses (carried by a <see cref="StopInstance"/> cast).</summary>
internal sealed class ProbeOperation(InstanceOperation definition, Func<OperationRun<StopInstance>, CancellationToken, Task> execute) : OperationSteps<StopInstance>
{
    public List<Exception> CleanedUp { get; } = [];

    public string? FailWithVmState { get; init; }

    public override string? FailureVmState => FailWithVmState;

    public override InstanceOperation Definition(StopInstance message) => definition;

    public override InstanceSpec? Spec(StopInstance message) => message.Instance;

    public override Task ExecuteAsync(OperationRun<StopInstance> run, CancellationToken cancellationToken) => execute(run, cancellationToken);

    public override Task CleanUpAsync(OperationRun<StopInstance> run, Exception error, CancellationToken cancellationToken)
    {
        CleanedUp.Add(error);
        return Task.CompletedTask;
    }
}
