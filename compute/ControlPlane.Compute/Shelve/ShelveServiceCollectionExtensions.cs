using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Shelve;

/// <summary>Registration of shelve on the compute service.</summary>
public static class ShelveServiceCollectionExtensions
{
    /// <summary>Adds the validated <see cref="ShelveOptions"/>, the offload steps and the shelved offload task (the shelve,
    /// shelve offload and unshelve operations are registered on the host's consumer).</summary>
    public static IServiceCollection AddShelve(this IServiceCollection services)
    {
        services.AddOptions<ShelveOptions>().BindConfiguration(ShelveOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ShelveOptions>, ShelveOptionsValidator>());
        services.AddSingleton<ShelveSteps>();
        services.AddSingleton<ShelvedOffloadService>();
        services.AddHostedService(sp => sp.GetRequiredService<ShelvedOffloadService>());
        return services;
    }
}
