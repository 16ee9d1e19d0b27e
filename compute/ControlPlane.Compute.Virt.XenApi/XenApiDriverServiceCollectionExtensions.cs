using ControlPlane.Compute.Virt.Registration;
using ControlPlane.Compute.Virt.XenApi.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Virt.XenApi;

/// <summary>Registration of the XenAPI driver in the compute service.</summary>
public static class XenApiDriverServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="XenApiDriver"/> as <c>XenApi</c> with its options (section <c>XenApi</c>). The options are
    /// validated when the driver is constructed, i.e. at start when <c>Compute:Driver=XenApi</c> selects it; a host
    /// running another driver needs no XenApi settings.
    /// </summary>
    public static IServiceCollection AddXenApiDriver(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<XenApiDriverOptions>().Bind(configuration.GetSection(XenApiDriverOptions.SectionName));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<XenApiDriverOptions>, XenApiDriverOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        return services.AddVirtDriver<XenApiDriver>(XenApiDriver.DriverName);
    }
}
