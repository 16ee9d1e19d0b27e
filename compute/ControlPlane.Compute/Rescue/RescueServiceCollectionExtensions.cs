using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ControlPlane.Compute.Rescue;

/// <summary>Registration of rescue on the compute service.</summary>
public static class RescueServiceCollectionExtensions
{
    /// <summary>Adds the rescue steps (the operations are registered on the host's consumer), the start-up recovery, the rescue timeout task and the validated <see cref="RescueOptions"/>.</summary>
    public static IServiceCollection AddRescue(this IServiceCollection services)
    {
        services.AddOptions<RescueOptions>().BindConfiguration(RescueOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RescueOptions>, RescueOptionsValidator>());
        services.AddSingleton<RescueSteps>();
        services.AddSingleton<RescueRecovery>();
        services.AddSingleton<RescueTimeoutService>();
        services.AddHostedService(sp => sp.GetRequiredService<RescueTimeoutService>());
        return services;
    }
}
