using ControlPlane.Hosting.Options;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ControlPlane.Hosting.Resilience;

/// <summary>Registration of the shared transient-fault policy (done by <c>AddServiceDefaults</c>).</summary>
public static class TransientFaultExtensions
{
    /// <summary>
    /// <see cref="TransientFaultPolicy"/> (singleton) and its options (section <c>TransientFaults</c>, validated at
    /// start). Idempotent. Infrastructure libraries add their <see cref="ITransientFaultClassifier"/> with
    /// <see cref="AddTransientFaultClassifier{T}"/>.
    /// </summary>
    public static IServiceCollection AddTransientFaultPolicy(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(TransientFaultPolicy)))
        {
            return services;
        }
        services.AddValidatedOptions<TransientFaultOptions, TransientFaultOptionsValidator>(configuration, TransientFaultOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TransientFaultPolicy>();
        return services;
    }

    /// <summary>Adds one classifier (once per type).</summary>
    public static IServiceCollection AddTransientFaultClassifier<T>(this IServiceCollection services)
        where T : class, ITransientFaultClassifier
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITransientFaultClassifier, T>());
        return services;
    }

    /// <summary>Adds <see cref="TransientFaultMiddleware"/>; call right after the service's error-translation middleware.</summary>
    public static IApplicationBuilder UseTransientFaults(this IApplicationBuilder app) => app.UseMiddleware<TransientFaultMiddleware>();
}
