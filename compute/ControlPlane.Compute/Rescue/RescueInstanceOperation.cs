using System.Text.Json.Nodes;
using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Power;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;
using ControlPlane.Protos.Rpc.V1;
using Google.Protobuf.WellKnownTypes;

namespace ControlPlane.Compute.Rescue;

/// <summary>
/// rescue_instance (Nova's <c>rescue_instance</c>, reference E.5): the driver rescues with the image the api chose, then
/// rescued/none with the rescue VM's power state and <c>launched_at</c> now (the start of the rescue timeout). The driver
/// rolls a failed rescue back, so a failure reverts the task state and keeps the vm_state, with the fault. A redelivery
/// of a rescue that finished is refused by the driver ("already in rescue mode") and its report loses its compare-and-set.
/// </summary>
public sealed class RescueInstanceOperation(IVirtDriver driver, RescueSteps steps, TimeProvider clock) : PowerOperation<RescueInstance>(driver)
{
    /// <inheritdoc />
    public override InstanceOperation Definition(RescueInstance message) => InstanceOperations.Rescue;

    /// <inheritdoc />
    public override InstanceSpec? Spec(RescueInstance message) => message.Instance;

    /// <inheritdoc />
    public override bool RequiresFlavor => true;

    /// <inheritdoc />
    public override void Validate(RescueInstance message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Guid.TryParse(message.RescueImageId, out _))
        {
            throw new InvalidException($"RescueInstance for {message.Instance?.InstanceId} carries no valid rescue image id.");
        }
    }

    /// <inheritdoc />
    public override Task ExecuteAsync(OperationRun<RescueInstance> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        return steps.RescueAsync(run.Instance, Guid.Parse(run.Message.RescueImageId), cancellationToken);
    }

    /// <inheritdoc />
    public override void CompleteReport(OperationRun<RescueInstance> run, InstanceUpdate report)
    {
        ArgumentNullException.ThrowIfNull(report);
        base.CompleteReport(run, report);
        report.LaunchedAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow());
    }

    /// <inheritdoc />
    public override void AddNotificationFields(OperationRun<RescueInstance> run, JsonObject payload)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(payload);
        payload["rescue_image_ref"] = run.Message.RescueImageId;
    }
}
