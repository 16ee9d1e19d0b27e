using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Compute.Power;

/// <summary>Registration of stop, start and reboot on the compute service.</summary>
public static class PowerServiceCollectionExtensions
{
    /// <summary>Adds the validated <see cref="PowerOptions"/> of stop, start and reboot (their operations are
    /// registered on the host's consumer).</summary>
    public static IServiceCollection AddPowerActions(this IServiceCollection services)
    {
        services.AddOptions<PowerOptions>().BindConfiguration(PowerOptions.SectionName)
            .Validate(o => o.ShutdownTimeout >= TimeSpan.Zero && o.ShutdownTimeout <= TimeSpan.FromHours(1),
                "Compute:Power:ShutdownTimeout must be between 0 and 1 hour.")
            .ValidateOnStart();
        return services;
    }
}
