using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ControlPlane.Hosting.Options;

/// <summary>
/// Binds an options class to a configuration section with its validator, validated at start
/// (<c>ValidateOnStart</c>: an invalid value stops the service with a message naming it), and
/// logged once at start with secrets redacted (<see cref="RedactedAttribute"/>).
/// <code>
/// builder.AddValidatedOptions&lt;ComputeOptions, ComputeOptionsValidator&gt;("Compute");
/// // or, where only IServiceCollection + IConfiguration are at hand:
/// services.AddValidatedOptions&lt;RpcOptions, RpcOptionsValidator&gt;(configuration, "Rpc");
/// </code>
/// </summary>
public static class OptionsRegistrationExtensions
{
    /// <summary>Binds <typeparamref name="TOptions"/> to <paramref name="sectionName"/> of the builder's configuration.</summary>
    public static IHostApplicationBuilder AddValidatedOptions<TOptions, TValidator>(this IHostApplicationBuilder builder, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<TOptions, TValidator>(builder.Configuration, sectionName);
        return builder;
    }

    /// <summary>Binds <typeparamref name="TOptions"/> to <paramref name="sectionName"/> of <paramref name="configuration"/>.</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string sectionName)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionName);

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        if (!services.Any(d => d.ServiceType == typeof(Registered<TOptions>)))
        {
            services.AddSingleton(new Registered<TOptions>());
            services.AddSingleton<IOptionsDescription>(sp => new OptionsDescription<TOptions>(sp.GetRequiredService<IOptions<TOptions>>(), sectionName));
        }
        services.AddOptionsStartupLogging();
        return services.AddOptions<TOptions>()
            .Bind(configuration.GetSection(sectionName))
            .ValidateOnStart();
    }

    /// <summary>Registers the hosted service that logs every described options type at start (idempotent).</summary>
    internal static IServiceCollection AddOptionsStartupLogging(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OptionsStartupLogger>());
        return services;
    }

    /// <summary>Marker: <typeparamref name="TOptions"/> is already described (registration is idempotent).</summary>
    private sealed class Registered<TOptions>;
}
