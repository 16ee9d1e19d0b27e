using ControlPlane.Hosting.Options;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ControlPlane.Messaging.ConsoleAuth;

/// <summary>Registration of the consoleauth client.</summary>
public static class ConsoleAuthClientServiceCollectionExtensions
{
    /// <summary>Adds validated <see cref="ConsoleAuthClientOptions"/> and a singleton <see cref="ConsoleAuthRpcClient"/>.</summary>
    public static IServiceCollection AddConsoleAuthClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ConsoleAuthClientOptions, ConsoleAuthClientOptionsValidator>(configuration, ConsoleAuthClientOptions.Section);
        services.TryAddSingleton<ConsoleAuthRpcClient>();
        return services;
    }
}
