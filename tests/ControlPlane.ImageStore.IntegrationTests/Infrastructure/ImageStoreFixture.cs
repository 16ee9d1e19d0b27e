using ControlPlane.Hosting;
using ControlPlane.ImageStore.Auth;
using ControlPlane.ImageStore.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;

namespace ControlPlane.ImageStore.IntegrationTests.Infrastructure;

/// <summary>
/// The image service started in-process on a random 127.0.0.1 port against the real PostgreSQL
/// <c>imagestore</c> database of <c>.run/env</c> (ConnectionStrings__imagestore), with its data in a
/// fresh temporary directory. Only token validation is replaced (see <see cref="TestTokenValidator"/>).
/// A subclass may route the service's database connections elsewhere (<see cref="ServiceConnectionString"/>).
/// </summary>
public class ImageStoreFixture : IAsyncLifetime
{
    /// <summary>Size cap configured for the tests (16 MiB).</summary>
    public const long SizeCap = 16L << 20;

    /// <summary>Per-project storage quota configured for the tests (40 MiB).</summary>
    public const long Quota = 40L << 20;

    private static readonly System.Collections.Concurrent.ConcurrentBag<string> Projects = [];

    // Fixtures of different test classes run at the same time and NewProject is static: only the last live fixture
    // may delete the tests' images, else one class's clean-up removes rows another class is still asserting on.
    private static int live;

    private WebApplication? app;

    /// <summary>The running service's container.</summary>
    public IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("Not started.");

    /// <summary>Base URL, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Directory holding the image files.</summary>
    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "cp-imagestore-it-" + Guid.NewGuid().ToString("N"));

    /// <summary>Connection string of the imagestore database.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Interlocked.Increment(ref live);
        ConnectionString = Environment.GetEnvironmentVariable("ConnectionStrings__imagestore") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                "ConnectionStrings__imagestore is not set: run deploy/up --infra and `. .run/env` before the integration tests.");

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:imagestore"] = ServiceConnectionString(ConnectionString),
            ["ImageStore:DataDirectory"] = DataDirectory,
            ["ImageStore:ImageSizeCap"] = SizeCap.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ImageStore:UserStorageQuota"] = Quota.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ImageStore:StreamBufferBytes"] = (256 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddServiceDefaults();
        builder.AddImageStoreServices();
        builder.Services.AddSingleton<ITokenValidator, TestTokenValidator>();

        app = builder.Build();
        app.MapServiceDefaults();
        app.MapImageStoreEndpoints();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseUri = new Uri(address);
    }

    /// <summary>The connection string the service itself uses (default: <paramref name="real"/>; the tests' own checks always use the real one).</summary>
    protected virtual string ServiceConnectionString(string real) => real;

    /// <summary>A client for <paramref name="project"/> with the given roles (member by default).</summary>
    public ImageApiClient ClientFor(string project, params string[] roles) =>
        new(BaseUri, TestTokenValidator.Token(project, roles.Length == 0 ? ["member", "reader"] : roles));

    /// <summary>A project id no other test uses; its images are removed when the fixture is disposed.</summary>
    public static string NewProject()
    {
        var project = "it-" + Guid.NewGuid().ToString("N")[..12];
        Projects.Add(project);
        return project;
    }

    /// <summary>Files (final and partial) the store holds for <paramref name="imageId"/>.</summary>
    public IReadOnlyList<string> FilesOf(Guid imageId) =>
        Directory.EnumerateFiles(DataDirectory, imageId.ToString("D") + "*", SearchOption.AllDirectories).ToList();

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
        // The database is shared with the running stack: leave none of the tests' images behind
        // (some are public and would show up in every project's listing), once no other fixture is running.
        if (Interlocked.Decrement(ref live) == 0)
        {
            await DeleteTestImagesAsync();
        }
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    private async Task DeleteTestImagesAsync()
    {
        await using (var dataSource = Npgsql.NpgsqlDataSource.Create(ConnectionString))
        await using (var cmd = dataSource.CreateCommand("DELETE FROM images WHERE owner = ANY(@owners)"))
        {
            cmd.Parameters.AddWithValue("owners", Projects.ToArray());
            await cmd.ExecuteNonQueryAsync();
        }
    }
}
