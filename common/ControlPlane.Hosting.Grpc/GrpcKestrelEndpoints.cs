using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ControlPlane.Hosting.Grpc;

/// <summary>
/// A service that also serves internal gRPC (the scheduler's <c>Scheduler:GrpcPort</c>, a compute's disk receiver
/// <c>Compute:Resize:TransferPort</c>) listens on two kinds of endpoints: the <c>--urls</c> ones (HTTP/1.1: /healthz,
/// /readyz, /metrics) and the gRPC port (HTTP/2 only, i.e. h2c with prior knowledge, which plain-text gRPC clients use). Declaring an endpoint in code makes Kestrel ignore
/// <c>--urls</c>, so the <c>--urls</c> addresses are re-declared here.
/// </summary>
public static class GrpcKestrelEndpoints
{
    /// <summary>Binds the health endpoints from <paramref name="urls"/> (<paramref name="defaultUrls"/> when none) and the gRPC
    /// endpoint on <paramref name="grpcAddress"/>:<paramref name="grpcPort"/> (option <paramref name="grpcPortName"/>).</summary>
    public static void Configure(KestrelServerOptions kestrel, string? urls, string defaultUrls, IPAddress grpcAddress, int grpcPort, string grpcPortName)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        foreach (var raw in (string.IsNullOrWhiteSpace(urls) ? defaultUrls : urls).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
            {
                throw new InvalidOperationException($"--urls entry '{raw}' is not an http://host:port address.");
            }
            if (uri.Port == grpcPort)
            {
                throw new InvalidOperationException(
                    $"--urls port {uri.Port} is also {grpcPortName}; give the health endpoint another port.");
            }
            var address = uri.Host is "localhost" ? IPAddress.Loopback
                : uri.Host is "*" or "+" or "0.0.0.0" ? IPAddress.Any
                : IPAddress.Parse(uri.Host);
            kestrel.Listen(address, uri.Port, o => o.Protocols = HttpProtocols.Http1);
        }
        kestrel.Listen(grpcAddress, grpcPort, o => o.Protocols = HttpProtocols.Http2);
    }
}
