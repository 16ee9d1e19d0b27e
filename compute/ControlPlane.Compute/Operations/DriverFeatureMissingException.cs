using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;

namespace ControlPlane.Compute.Operations;

/// <summary>The host's driver lacks the <see cref="DriverFeature"/> an operation needs (recorded as a
/// <see cref="FaultCode.Conflict"/> fault; the api refuses such a request before casting when it knows the
/// host's features).</summary>
public sealed class DriverFeatureMissingException(DriverFeature feature, string hypervisorType)
    : ConflictException($"{feature} is not supported by driver {hypervisorType}.")
{
    /// <summary>The feature missing.</summary>
    public DriverFeature Feature { get; } = feature;
}
