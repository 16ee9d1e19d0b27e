using ControlPlane.Hosting;
using ControlPlane.Hosting.Options;
using ControlPlane.Messaging.Abstractions;
using ControlPlane.Messaging.Configuration;
using ControlPlane.Messaging.Connection;
using ControlPlane.Messaging.Consuming;
using ControlPlane.Messaging.Health;
using ControlPlane.Messaging.Notifications;
using ControlPlane.Messaging.Publishing;
using ControlPlane.Messaging.Wire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ControlPlane.Messaging.DependencyInjection;

/// <summary>
/// Registration of the AMQP RPC layer.
/// <code>
/// // every service that sends: IRpcClient, INotifier, RpcVersions,
/// // RpcOptions (section "Rpc", connection from ConnectionStrings:rabbitmq), readiness check "rabbitmq"
/// services.AddRpcMessaging(configuration);
/// services.AddComputeRpcClient();   // typed clients from the owning service's Rpc project
///
/// // every queue a service consumes (one hosted service each; topic resolved at start)
/// services.AddRpcConsumer(sp => Topics.Compute(sp.GetRequiredService&lt;IOptions&lt;ComputeOptions&gt;&gt;().Value.Host))
///     .Handle&lt;BuildAndRunInstance, BuildAndRunInstanceHandler&gt;()          // cast: IRpcHandler&lt;T&gt;
///     .Handle&lt;TerminateInstance, TerminateInstanceHandler&gt;();
/// services.AddRpcConsumer(_ => Topics.Conductor)
///     .Reply&lt;GetHostInstances, HostInstances, GetHostInstancesHandler&gt;(); // call: IRpcCallHandler&lt;TReq, TRep&gt;
/// </code>
/// </summary>
public static class MessagingServiceCollectionExtensions
{
    /// <summary>Name of the readiness health check.</summary>
    public const string HealthCheckName = "rabbitmq";

    /// <summary>
    /// Registers <see cref="IRpcClient"/>, <see cref="INotifier"/>, <see cref="RpcVersions"/> (from the
    /// <see cref="RpcTopicVersion"/>s the client projects register), the shared connection and <see cref="RpcOptions"/>
    /// (validated at start). The typed clients come from the project of the service that owns the topic
    /// (<c>AddComputeRpcClient</c>, <c>AddConductorRpcClient</c>).
    /// Idempotent.
    /// </summary>
    public static IServiceCollection AddRpcMessaging(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        if (services.Any(d => d.ServiceType == typeof(RabbitConnectionManager)))
        {
            return services;
        }

        services.AddValidatedOptions<RpcOptions, RpcOptionsValidator>(configuration, RpcOptions.Section)
            .PostConfigure(o => o.ConnectionString ??= configuration.GetConnectionString("rabbitmq"));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RabbitConnectionManager>();
        services.AddSingleton<RabbitPublisher>();
        services.AddSingleton<ReplyListener>();
        services.AddSingleton<ConsumerStatus>();
        services.AddSingleton<IRpcClient, RabbitRpcClient>();
        services.AddSingleton<INotifier, RabbitNotifier>();
        services.TryAddSingleton<RpcVersions>();
        services.AddHealthChecks().AddCheck<RabbitMqHealthCheck>(HealthCheckName, tags: [ServiceDefaultsExtensions.ReadyTag]);
        return services;
    }

    /// <summary>Registers the RPC version of a topic (see <see cref="RpcTopicVersion"/>; called by the typed clients'
    /// registrations). Idempotent; a second, different version for the same topic is an error.</summary>
    public static IServiceCollection AddRpcTopicVersion(this IServiceCollection services, RpcTopicVersion version)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(version);
        var existing = services.Where(d => d.ServiceType == typeof(RpcTopicVersion))
            .Select(d => d.ImplementationInstance).OfType<RpcTopicVersion>().FirstOrDefault(v => v.Topic == version.Topic);
        if (existing is null)
        {
            services.AddSingleton(version);
        }
        else if (existing != version)
        {
            throw new InvalidOperationException($"Topic {version.Topic} already has RPC version {existing.Version}, not {version.Version}.");
        }
        return services;
    }

    /// <summary>
    /// Consumes the queue named by <paramref name="topic"/> (resolved from the service provider at start).
    /// Requires <see cref="AddRpcMessaging"/>. Add handlers on the returned builder.
    /// </summary>
    public static RpcConsumerBuilder AddRpcConsumer(this IServiceCollection services, Func<IServiceProvider, string> topic)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(topic);
        var definition = new RpcConsumerDefinition(topic);
        // Not AddHostedService: that de-duplicates by type, and a process may consume several queues.
        services.AddSingleton<IHostedService>(sp => new RpcConsumerService(
            definition,
            sp,
            sp.GetRequiredService<RabbitConnectionManager>(),
            sp.GetRequiredService<RabbitPublisher>(),
            sp.GetRequiredService<ConsumerStatus>(),
            sp.GetRequiredService<IOptions<RpcOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<RpcConsumerService>>()));
        return new RpcConsumerBuilder(services, definition);
    }
}
