using ControlPlane.Compute.Virt.Contract;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ControlPlane.Compute.Virt.Registration;

/// <summary>Registration of virt drivers. Adding a driver to the compute service is one line:
/// <c>services.AddVirtDriver&lt;XenApiDriver&gt;("XenApi")</c> (plus its own options).</summary>
public static class VirtDriverServiceCollectionExtensions
{
    /// <summary>
    /// Registers <typeparamref name="TDriver"/> as a keyed singleton under <paramref name="name"/>
    /// and makes it selectable by <c>Compute:Driver</c>. Its dependencies are resolved from the
    /// container when it is first selected.
    /// </summary>
    public static IServiceCollection AddVirtDriver<TDriver>(this IServiceCollection services, string name)
        where TDriver : class, IVirtDriver
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        services.TryAddSingleton<VirtDriverRegistry>();
        services.AddKeyedSingleton<IVirtDriver, TDriver>(name);
        services.AddSingleton(new VirtDriverDescriptor(name, typeof(TDriver)));
        return services;
    }
}
