using ControlPlane.Data.KeyPairs;

namespace ControlPlane.Api.Compute.KeyPairs;

/// <summary>Registration of os-keypairs.</summary>
public static class KeyPairServiceCollectionExtensions
{
    /// <summary>Adds <see cref="KeyPairStore"/> and <see cref="KeyPairApi"/>.</summary>
    public static IServiceCollection AddKeyPairs(this IServiceCollection services)
    {
        services.AddSingleton<KeyPairStore>();
        services.AddScoped<KeyPairApi>();
        return services;
    }
}
