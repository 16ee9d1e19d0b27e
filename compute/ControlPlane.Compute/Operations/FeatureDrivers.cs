using ControlPlane.Compute.Virt.Contract;

namespace ControlPlane.Compute.Operations;

/// <summary>The driver interface of an optional feature (<see cref="IPauseDriver"/>, <see cref="ISuspendDriver"/>). The
/// operation runner has already refused an operation whose feature the driver does not declare, so a driver that
/// declares it without implementing its interface is a bug.</summary>
public static class FeatureDrivers
{
    /// <summary><paramref name="driver"/> as <typeparamref name="TFeature"/>.</summary>
    public static TFeature Require<TFeature>(IVirtDriver driver) where TFeature : class =>
        driver as TFeature ?? throw new InvalidOperationException(
            $"The {driver.Capabilities.HypervisorType} driver declares the feature but does not implement {typeof(TFeature).Name}.");
}
