using ControlPlane.Domain.Flavors;

namespace ControlPlane.Scheduler.Grains.Capacity;

/// <summary>What an instance of a stored flavor copy claims on a host.</summary>
public static class FlavorCopyResources
{
    /// <summary>The claim of <paramref name="flavor"/> (<see cref="Resources.ForFlavor(int, int, int, int, int)"/>).</summary>
    public static Resources ToResources(this FlavorCopy flavor)
    {
        ArgumentNullException.ThrowIfNull(flavor);
        return Resources.ForFlavor(flavor.MemoryMb, flavor.Vcpus, flavor.RootGb, flavor.EphemeralGb, flavor.SwapMb);
    }
}
