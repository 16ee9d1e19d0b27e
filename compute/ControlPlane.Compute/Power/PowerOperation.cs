using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace ControlPlane.Compute.Power;

/// <summary>
/// What stop, start and reboot share (Nova's <c>stop_instance</c>, <c>start_instance</c>, <c>reboot_instance</c>):
/// one driver call, then the definition's final vm_state with the power state it leaves. A failure reverts the
/// task state (vm_state unchanged) and also reports the power state the driver still sees, when it can be read.
/// Idempotent for redeliveries: powering off an instance already off and powering on one already running succeed
/// in the driver, and a report of an operation that already ended loses its compare-and-set.
/// </summary>
/// <typeparam name="TMessage">The cast.</typeparam>
public abstract class PowerOperation<TMessage>(IVirtDriver driver) : OperationSteps<TMessage>
    where TMessage : IMessage
{
    /// <summary>The power state the operation leaves on success.</summary>
    protected virtual PowerState SucceededPower => PowerState.Running;

    /// <summary>The virt driver.</summary>
    protected IVirtDriver Driver => driver;

    /// <inheritdoc />
    public override void CompleteReport(OperationRun<TMessage> run, InstanceUpdate report) => report.PowerState = (int)SucceededPower;

    /// <inheritdoc />
    public override async Task ReportFailureAsync(OperationRun<TMessage> run, Exception error, InstanceFault fault, CancellationToken cancellationToken)
    {
        DriverPowerState? power;
        try
        {
            power = await driver.GetPowerStateAsync(run.Instance, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            run.Logger.PowerStateUnreadable(e, run.Definition.Name, run.Instance.InstanceName);
            power = null;
        }
        await run.ReportAsync(run.Reports.Failed(fault, FailureVmState, power), cancellationToken).ConfigureAwait(false);
    }
}
