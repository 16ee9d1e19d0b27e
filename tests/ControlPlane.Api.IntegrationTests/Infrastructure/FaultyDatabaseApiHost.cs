using ControlPlane.Testing;
using Npgsql;

namespace ControlPlane.Api.IntegrationTests.Infrastructure;

/// <summary>
/// The api with its database connections through a <see cref="TcpFaultProxy"/> in front of the shared PostgreSQL,
/// so a test can drop them (as a server restart does) without touching the server.
/// </summary>
public sealed class FaultyDatabaseApiHost : ApiHost
{
    /// <summary>The proxy between the api and PostgreSQL.</summary>
    public TcpFaultProxy Proxy { get; private set; } = null!;

    /// <inheritdoc />
    protected override string ServiceConnectionString(string real)
    {
        var builder = new NpgsqlConnectionStringBuilder(real);
        Proxy = TcpFaultProxy.Start(builder.Host ?? "127.0.0.1", builder.Port);
        builder.Host = "127.0.0.1";
        builder.Port = Proxy.Port;
        return builder.ConnectionString;
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Proxy.DisposeAsync();
    }
}
