using System.Net;
using System.Net.Sockets;

namespace ControlPlane.Scheduler.IntegrationTests.Infrastructure;

/// <summary>Picks a TCP port on 127.0.0.1 that is free right now.</summary>
public static class FreePort
{
    /// <summary>A currently unused port.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
