namespace ControlPlane.Compute.Virt.Errors;

/// <summary>A rescue of an instance already (even partly) in rescue mode, or an unrescue of one that is not
/// (Nova: "Instance is already in Rescue Mode", <c>InstanceNotInRescueMode</c>).</summary>
public sealed class InstanceRescueModeException(Guid instanceId, bool rescued)
    : VirtDriverException(rescued
        ? $"Instance {instanceId} is already in rescue mode."
        : $"Instance {instanceId} is not in rescue mode.")
{
    /// <summary>The instance uuid.</summary>
    public Guid InstanceId { get; } = instanceId;

    /// <summary>True when the instance was already rescued (a rescue was refused); false when it was not (an unrescue was refused).</summary>
    public bool Rescued { get; } = rescued;

    /// <inheritdoc />
    public override bool Retryable => false;
}
