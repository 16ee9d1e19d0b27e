using ControlPlane.Api.Compute.Actions;
using ControlPlane.Hosting.Options;
using ControlPlane.Messaging.ConsoleAuth;

namespace ControlPlane.Api.Compute.Consoles;

/// <summary>Registration of the remote consoles API.</summary>
public static class ConsoleApiServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ConsoleOptions"/>, the consoleauth client, <see cref="RemoteConsoleApi"/>, the server actions
    /// <c>os-getVNCConsole</c> and <c>os-getConsoleOutput</c>, and the revocation hook.</summary>
    public static IServiceCollection AddRemoteConsoles(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ConsoleOptions, ConsoleOptionsValidator>(configuration, ConsoleOptions.Section);
        services.AddConsoleAuthClient(configuration);
        services.AddSingleton<ConsoleRevocation>();
        services.AddSingleton<IConsoleRevocation>(sp => sp.GetRequiredService<ConsoleRevocation>());
        services.AddScoped<RemoteConsoleApi>();
        services.AddHttpContextAccessor();
        return services.AddServerAction<GetVncConsoleAction>()
            .AddServerAction<ConsoleLogs.ConsoleOutputAction>();
    }
}
