using System.Text.Json.Nodes;
using ControlPlane.Compute.Operations;
using ControlPlane.Compute.Power;
using ControlPlane.Compute.Virt.Contract;
using ControlPlane.Compute.Virt.Errors;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Google.Protobuf.WellKnownTypes;

namespace ControlPlane.Compute.Rebuild;

/// <summary>
/// rebuild_instance (Nova's <c>rebuild_instance</c> with the driver's default implementation): reports
/// <c>rebuild_block_device_mapping</c>, then <c>rebuild_spawning</c>, and the driver replaces the root disk by one of the
/// new image on the same VM and host (<see cref="IRebuildDriver"/>); then active/none (stopped when the instance was
/// stopped: Nova rebuilds, then stops it) with <c>launched_at</c> now. A failure puts the instance in error with the
/// fault, as Nova. A redelivered rebuild runs again: the driver's steps are idempotent (a missing root disk is made).
/// </summary>
public sealed class RebuildInstanceOperation(IVirtDriver driver, IImageSource images, TimeProvider clock) : PowerOperation<RebuildInstance>(driver)
{
    /// <inheritdoc />
    public override InstanceOperation Definition(RebuildInstance message) => InstanceOperations.Rebuild;

    /// <inheritdoc />
    public override InstanceSpec? Spec(RebuildInstance message) => message.Instance;

    /// <inheritdoc />
    public override bool RequiresFlavor => true;

    /// <inheritdoc />
    public override string? FailureVmState => VmState.Error;

    /// <inheritdoc />
    public override void Validate(RebuildInstance message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!string.IsNullOrEmpty(message.OriginalImageId) && !Guid.TryParse(message.OriginalImageId, out _))
        {
            throw new InvalidException($"RebuildInstance for {message.Instance?.InstanceId} carries an invalid original image id.");
        }
    }

    /// <inheritdoc />
    public override async Task ExecuteAsync(OperationRun<RebuildInstance> run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var rebuild = Driver as IRebuildDriver
            ?? throw new DriverOperationException($"The {Driver.Capabilities.HypervisorType} driver cannot rebuild instances.", retryable: false);
        await run.ReportProgressAsync(TaskState.RebuildBlockDeviceMapping, cancellationToken).ConfigureAwait(false);
        await run.ReportProgressAsync(TaskState.RebuildSpawning, cancellationToken).ConfigureAwait(false);
        await rebuild.RebuildAsync(run.Instance, images, powerOn: !WasStopped(run), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override void CompleteReport(OperationRun<RebuildInstance> run, InstanceUpdate report)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(report);
        var stopped = WasStopped(run);
        report.VmState = stopped ? VmState.Stopped : VmState.Active;
        report.PowerState = (int)(stopped ? PowerState.Shutdown : PowerState.Running);
        report.LaunchedAt = Timestamp.FromDateTimeOffset(clock.GetUtcNow());
    }

    /// <inheritdoc />
    public override void AddNotificationFields(OperationRun<RebuildInstance> run, JsonObject payload)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(payload);
        payload["image_uuid"] = run.Instance.ImageId.ToString("D");
        payload["original_image_uuid"] = run.Message.OriginalImageId;
    }

    private static bool WasStopped(OperationRun<RebuildInstance> run) => run.Spec.VmState == VmState.Stopped;
}
