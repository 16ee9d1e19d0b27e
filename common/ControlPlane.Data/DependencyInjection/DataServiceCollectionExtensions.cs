using System.Reflection;
using ControlPlane.Data.Configuration;
using ControlPlane.Data.Health;
using ControlPlane.Data.Instances;
using ControlPlane.Data.Migrations;
using ControlPlane.Data.Resilience;
using ControlPlane.Hosting;
using ControlPlane.Hosting.Options;
using ControlPlane.Hosting.Resilience;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ControlPlane.Data.DependencyInjection;

/// <summary>Registration of PostgreSQL databases (data source, readiness check, start-up migrations).</summary>
public static class DataServiceCollectionExtensions
{
    /// <summary>Registration name, connection string name and database of the control plane.</summary>
    public const string ControlPlane = "controlplane";

    /// <summary>Resource prefix of the controlplane migrations embedded in this assembly (<c>Sql/NNN_name.sql</c>).</summary>
    public const string ControlPlaneResourcePrefix = "controlplane.sql.";

    /// <summary>
    /// The <c>controlplane</c> database: <see cref="NpgsqlDataSource"/> (unkeyed and keyed <c>"controlplane"</c>) from
    /// <c>ConnectionStrings:controlplane</c>, <see cref="InstanceStateStore"/>, readiness check <c>postgres</c>, and
    /// when <paramref name="applyMigrations"/> the <c>Sql/*.sql</c> migrations applied at start (blocking start-up).
    /// <code>services.AddControlPlaneDatabase(configuration, applyMigrations: true);</code>
    /// </summary>
    public static IServiceCollection AddControlPlaneDatabase(this IServiceCollection services, IConfiguration configuration, bool applyMigrations)
    {
        services.AddPostgresDatabase(configuration, ControlPlane, ControlPlane, typeof(MigrationRunner).Assembly,
            ControlPlaneResourcePrefix, applyMigrations, healthCheckName: "postgres");
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<InstanceStateStore>();
        return services;
    }

    /// <summary>
    /// Registers one PostgreSQL database:
    /// <list type="bullet">
    /// <item>an <see cref="NpgsqlDataSource"/> as a keyed singleton under <paramref name="name"/>
    /// (<c>[FromKeyedServices("imagestore")] NpgsqlDataSource db</c>), and also as the unkeyed
    /// <see cref="NpgsqlDataSource"/> when no other database registered one first;</item>
    /// <item>named options <see cref="PostgresDatabaseOptions"/> (<paramref name="name"/>; section
    /// <c>Database:&lt;name&gt;</c>, connection string from <c>ConnectionStrings:&lt;connectionStringName&gt;</c>),
    /// validated at start;</item>
    /// <item>the shared <see cref="TransientFaultPolicy"/> with the Npgsql classifier (dropped connections are retried
    /// or answered 503 at the edges, never 500);</item>
    /// <item>a readiness health check (tag <c>ready</c>) named <paramref name="healthCheckName"/>, default <c>postgres-&lt;name&gt;</c>;</item>
    /// <item>when <paramref name="applyMigrations"/>, a hosted service that applies the resources
    /// <c>&lt;resourcePrefix&gt;NNN_name.sql</c> of <paramref name="migrationsAssembly"/> with
    /// <see cref="MigrationRunner"/> during start-up (register the database before services that need the schema).</item>
    /// </list>
    /// Example (imagestore, migrations embedded in its own assembly as <c>imagestore.sql.NNN_name.sql</c>, csproj:
    /// <c>&lt;EmbeddedResource Include="Sql/*.sql" LogicalName="imagestore.sql.%(Filename)%(Extension)" /&gt;</c>):
    /// <code>
    /// services.AddPostgresDatabase(configuration, name: "imagestore", connectionStringName: "imagestore",
    ///     migrationsAssembly: typeof(ImageRepository).Assembly, resourcePrefix: "imagestore.sql.",
    ///     applyMigrations: true, healthCheckName: "postgres");
    /// // then inject NpgsqlDataSource (unkeyed: the first database registered) or [FromKeyedServices("imagestore")].
    /// </code>
    /// </summary>
    public static IServiceCollection AddPostgresDatabase(
        this IServiceCollection services,
        IConfiguration configuration,
        string name,
        string connectionStringName,
        Assembly? migrationsAssembly,
        string? resourcePrefix,
        bool applyMigrations,
        string? healthCheckName = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionStringName);
        if (applyMigrations && (migrationsAssembly is null || string.IsNullOrEmpty(resourcePrefix)))
        {
            throw new ArgumentException("Applying migrations needs the migrations assembly and resource prefix.", nameof(migrationsAssembly));
        }
        if (services.Any(d => d.ServiceType == typeof(NpgsqlDataSource) && Equals(d.ServiceKey, name)))
        {
            throw new InvalidOperationException($"Database '{name}' is already registered.");
        }

        services.AddOptions<PostgresDatabaseOptions>(name)
            .Bind(configuration.GetSection($"{PostgresDatabaseOptions.SectionPrefix}:{name}"))
            .PostConfigure(o => o.ConnectionString ??= configuration.GetConnectionString(connectionStringName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PostgresDatabaseOptions>>(new PostgresDatabaseOptionsValidator(name, connectionStringName));
        services.AddSingleton<IOptionsDescription>(sp => new NamedOptionsDescription(
            $"{PostgresDatabaseOptions.SectionPrefix}:{name}", () => sp.GetRequiredService<IOptionsMonitor<PostgresDatabaseOptions>>().Get(name)));

        services.AddKeyedSingleton(name, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptionsMonitor<PostgresDatabaseOptions>>().Get(name);
            var builder = new NpgsqlDataSourceBuilder(options.ConnectionString) { Name = name };
            builder.UseLoggerFactory(sp.GetRequiredService<ILoggerFactory>());
            return builder.Build();
        });
        services.TryAddSingleton(sp => sp.GetRequiredKeyedService<NpgsqlDataSource>(name));
        services.AddTransientFaultPolicy(configuration);
        services.AddTransientFaultClassifier<NpgsqlTransientFaultClassifier>();

        services.AddHealthChecks().Add(new Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckRegistration(
            healthCheckName ?? "postgres-" + name,
            sp => new PostgresHealthCheck(
                sp.GetRequiredKeyedService<NpgsqlDataSource>(name),
                sp.GetRequiredService<IOptionsMonitor<PostgresDatabaseOptions>>().Get(name),
                name),
            failureStatus: null,
            tags: [ServiceDefaultsExtensions.ReadyTag]));

        if (applyMigrations)
        {
            services.TryAddSingleton(TimeProvider.System);
            // Not AddHostedService: that de-duplicates by type, and a process may migrate several databases.
            services.AddSingleton<IHostedService>(sp => new MigrationHostedService(
                name,
                sp.GetRequiredKeyedService<NpgsqlDataSource>(name),
                migrationsAssembly!,
                resourcePrefix!,
                sp.GetRequiredService<IOptionsMonitor<PostgresDatabaseOptions>>().Get(name),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<MigrationHostedService>>()));
        }
        return services;
    }

    /// <summary>Start-up dump of one database's options (secrets redacted).</summary>
    private sealed class NamedOptionsDescription(string section, Func<PostgresDatabaseOptions> value) : IOptionsDescription
    {
        public string OptionsType => nameof(PostgresDatabaseOptions);

        public string Section => section;

        public string Describe() => OptionsFormatter.Format(value());
    }
}
