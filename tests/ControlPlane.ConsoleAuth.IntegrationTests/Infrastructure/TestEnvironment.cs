using System.Net;
using System.Net.Sockets;

namespace ControlPlane.ConsoleAuth.IntegrationTests.Infrastructure;

/// <summary>Endpoints exported by <c>deploy/up</c> in <c>.run/env</c>; a missing one fails the test with a clear message.</summary>
public static class TestEnvironment
{
    /// <summary>ConnectionStrings__redis.</summary>
    public static string Redis => Required("ConnectionStrings__redis");

    /// <summary>ConnectionStrings__rabbitmq.</summary>
    public static string RabbitMq => Required("ConnectionStrings__rabbitmq");

    /// <summary>A TCP port on 127.0.0.1 that is free right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"Environment variable {name} is not set: run deploy/up --infra and `. .run/env` before the integration tests.");
}
