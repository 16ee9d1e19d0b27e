using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ControlPlane.Api.Extensions;
using ControlPlane.Api.Identity;
using ControlPlane.Data.Identity;
using ControlPlane.Hosting;
using ControlPlane.Messaging.Abstractions;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace ControlPlane.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The api started in-process on free 127.0.0.1 ports against the real PostgreSQL of <c>.run/env</c>
/// (ConnectionStrings__controlplane), with casts recorded instead of sent and a stand-in imagestore.
/// Fails with a clear message when the environment is missing.
/// </summary>
public class ApiHost : IAsyncLifetime
{
    private WebApplication? app;
    private FakeImageService? images;

    public string BaseUrl { get; private set; } = string.Empty;

    public string GrpcUrl { get; private set; } = string.Empty;

    public RecordingRpcClient Rpc { get; } = new();

    public string ConnectionString { get; } = Environment.GetEnvironmentVariable("ConnectionStrings__controlplane")
        ?? throw new InvalidOperationException("ConnectionStrings__controlplane is not set: run deploy/up --infra and source .run/env before the integration tests.");

    public IServiceProvider Services => app!.Services;

    public async Task InitializeAsync()
    {
        images = await FakeImageService.StartAsync();
        var rest = FakeImageService.FreePort();
        var grpc = FakeImageService.FreePort();
        BaseUrl = $"http://127.0.0.1:{rest}";
        GrpcUrl = $"http://127.0.0.1:{grpc}";
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ApiServiceExtensions).Assembly.GetName().Name,
            EnvironmentName = "Production",
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = BaseUrl,
            ["Api:GrpcUrl"] = GrpcUrl,
            ["Api:ImageServiceUrl"] = images.Url,
            ["Api:MaxBodyBytes"] = "65536",
            ["Api:WatchResyncInterval"] = "00:00:05",
            ["Identity:StreamTokenCheckInterval"] = "00:00:01",
            ["Identity:TokenSigningKey"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(32)),
            ["ConnectionStrings:controlplane"] = ServiceConnectionString(ConnectionString),
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddServiceDefaults();
        builder.AddApiServices();
        builder.Services.RemoveAll<IRpcClient>();
        builder.Services.AddSingleton<IRpcClient>(Rpc);
        app = builder.Build();
        app.MapServiceDefaults();
        app.MapApi();
        await app.StartAsync();
    }

    public virtual async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        if (images is not null)
        {
            await images.DisposeAsync();
        }
    }

    /// <summary>The connection string the api itself uses (default: <paramref name="real"/>; the tests' own queries use the real one).</summary>
    protected virtual string ServiceConnectionString(string real) => real;

    /// <summary>Creates a fresh project with one user holding <paramref name="roles"/> (unique names), and returns a logged-in client.</summary>
    public async Task<ApiClient> NewTenantAsync(params string[] roles)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var store = Services.GetRequiredService<IdentityStore>();
        var hasher = Services.GetRequiredService<PasswordHasher>();
        var projectId = await store.EnsureProjectAsync("p" + suffix, "it-project-" + suffix, IdentityService.DefaultDomainId, default);
        var userId = await store.EnsureUserAsync("u" + suffix, "it-user-" + suffix, IdentityService.DefaultDomainId, hasher.Hash("pw-" + suffix), projectId, default);
        foreach (var role in roles.Length == 0 ? ["member", "reader"] : roles)
        {
            await store.EnsureAssignmentAsync(userId, projectId, Guid.NewGuid().ToString("N"), role, default);
        }
        return await LoginAsync("it-user-" + suffix, "it-project-" + suffix, "pw-" + suffix);
    }

    /// <summary>Creates a fresh project and one user per entry of <paramref name="roleSets"/> holding those roles on it; returns their logged-in clients.</summary>
    public async Task<ApiClient[]> NewProjectUsersAsync(params string[][] roleSets)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var store = Services.GetRequiredService<IdentityStore>();
        var hasher = Services.GetRequiredService<PasswordHasher>();
        var projectId = await store.EnsureProjectAsync("p" + suffix, "it-project-" + suffix, IdentityService.DefaultDomainId, default);
        var clients = new ApiClient[roleSets.Length];
        for (var i = 0; i < roleSets.Length; i++)
        {
            var user = $"it-user-{suffix}-{i}";
            var userId = await store.EnsureUserAsync($"u{suffix}{i}", user, IdentityService.DefaultDomainId, hasher.Hash("pw-" + suffix), projectId, default);
            foreach (var role in roleSets[i])
            {
                await store.EnsureAssignmentAsync(userId, projectId, Guid.NewGuid().ToString("N"), role, default);
            }
            clients[i] = await LoginAsync(user, "it-project-" + suffix, "pw-" + suffix);
        }
        return clients;
    }

    /// <summary>Password login with project scope by name.</summary>
    public async Task<ApiClient> LoginAsync(string user, string project, string password)
    {
        var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        var (status, body, response) = await ApiClient.SendRawAsync(http, HttpMethod.Post, "/identity/v3/auth/tokens", AuthBody(user, project, password));
        Assert.True(status == 201, $"login of {user} returned {status}: {body?.ToJsonString()}");
        var token = response.Headers.GetValues("X-Subject-Token").Single();
        http.DefaultRequestHeaders.Add("X-Auth-Token", token);
        return new ApiClient(http, token, body!["token"]!["project"]!["id"]!.GetValue<string>(), body["token"]!["user"]!["id"]!.GetValue<string>());
    }

    public static string AuthBody(string user, string project, string password) => new JsonObject
    {
        ["auth"] = new JsonObject
        {
            ["identity"] = new JsonObject
            {
                ["methods"] = new JsonArray("password"),
                ["password"] = new JsonObject { ["user"] = new JsonObject { ["name"] = user, ["domain"] = new JsonObject { ["name"] = "Default" }, ["password"] = password } },
            },
            ["scope"] = new JsonObject { ["project"] = new JsonObject { ["name"] = project, ["domain"] = new JsonObject { ["name"] = "Default" } } },
        },
    }.ToJsonString();

    /// <summary>Runs a scalar query on the controlplane database.</summary>
    public async Task<object?> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, value);
        }
        return await cmd.ExecuteScalarAsync();
    }

    /// <summary>Number of instance rows (deleted or not) of a project.</summary>
    public async Task<long> CountInstancesAsync(string projectId) =>
        (long)(await ScalarAsync("SELECT count(*) FROM instances WHERE project_id = @p", ("p", projectId)))!;

    /// <summary>A server of <paramref name="client"/> made active on a fresh host whose (disabled, live) compute service
    /// reports <paramref name="features"/> (null: a host that reported none, so nothing is refused for a feature).</summary>
    public async Task<(string Id, string Host)> PlaceOnHostAsync(ApiClient client, string[]? features)
    {
        var id = await client.CreateServerAsync();
        var host = "it-host-" + Guid.NewGuid().ToString("N")[..6];
        await ScalarAsync("UPDATE instances SET host = @h, vm_state = 'active', task_state = NULL WHERE id = @i", ("h", host), ("i", Guid.Parse(id)));
        await ScalarAsync("""
            INSERT INTO services (host, binary_name, topic, disabled, last_seen_at, created_at, updated_at, driver_features)
            VALUES (@h, 'controlplane-compute', 'compute', true, now(), now(), now(), @f)
            """, ("h", host), ("f", (object?)features ?? DBNull.Value));
        return (id, host);
    }

    /// <summary>An anonymous client.</summary>
    public HttpClient Anonymous() => new() { BaseAddress = new Uri(BaseUrl) };
}
