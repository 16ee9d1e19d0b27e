using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Power;

/// <summary>stop_instance: clean shutdown bounded by <see cref="PowerOptions.ShutdownTimeout"/>, then stopped.</summary>
public sealed class StopInstanceOperation(IVirtDriver driver, IOptions<PowerOptions> options) : PowerOperation<StopInstance>(driver)
{
    /// <inheritdoc />
    protected override PowerState SucceededPower => PowerState.Shutdown;

    /// <inheritdoc />
    public override InstanceOperation Definition(StopInstance message) => InstanceOperations.Stop;

    /// <inheritdoc />
    public override InstanceSpec? Spec(StopInstance message) => message.Instance;

    /// <inheritdoc />
    public override Task ExecuteAsync(OperationRun<StopInstance> run, CancellationToken cancellationToken) =>
        Driver.PowerOffAsync(run.Instance, options.Value.ShutdownTimeout, cancellationToken);
}
