using ControlPlane.Compute.Virt.Contract;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Compute.Virt.Registration;

/// <summary>
/// The drivers registered with <see cref="VirtDriverServiceCollectionExtensions.AddVirtDriver{TDriver}"/>.
/// Only the selected driver is ever constructed (each is a keyed singleton resolved on demand).
/// </summary>
public sealed class VirtDriverRegistry(IEnumerable<VirtDriverDescriptor> descriptors)
{
    private readonly IReadOnlyList<VirtDriverDescriptor> _descriptors = descriptors.ToList();

    /// <summary>Registered names, in registration order.</summary>
    public IReadOnlyList<string> Names => _descriptors.Select(d => d.Name).ToList();

    /// <summary>The descriptor registered under <paramref name="name"/> (case-insensitive), or null.</summary>
    public VirtDriverDescriptor? Find(string? name) =>
        _descriptors.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Resolves the driver named <paramref name="name"/>; throws naming the registered drivers otherwise.</summary>
    public IVirtDriver Resolve(IServiceProvider services, string name)
    {
        var descriptor = Find(name) ?? throw new InvalidOperationException(
            $"Unknown virt driver '{name}'. Registered drivers: {string.Join(", ", Names)}.");
        return services.GetRequiredKeyedService<IVirtDriver>(descriptor.Name);
    }
}
