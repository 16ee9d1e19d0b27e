namespace ControlPlane.Api.Compute.Power;

/// <summary>Registration of stop, start and reboot in the api.</summary>
public static class PowerApiServiceCollectionExtensions
{
    /// <summary>Adds <see cref="PowerApi"/> (scoped, as the compute API it builds on).</summary>
    public static IServiceCollection AddPowerApi(this IServiceCollection services)
    {
        services.AddScoped<PowerApi>();
        return services;
    }
}
