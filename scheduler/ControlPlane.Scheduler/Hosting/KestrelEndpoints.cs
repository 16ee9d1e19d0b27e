using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace ControlPlane.Scheduler.Hosting;

/// <summary>
/// The scheduler listens on two kinds of endpoints: the <c>--urls</c> ones (HTTP/1.1: /healthz,
/// /readyz, /metrics) and <c>Scheduler:GrpcPort</c> on 127.0.0.1 (HTTP/2 only, i.e. h2c with prior
/// knowledge, which plain-text gRPC clients use). Declaring an endpoint in code makes Kestrel ignore
/// <c>--urls</c>, so the <c>--urls</c> addresses are re-declared here.
/// </summary>
internal static class KestrelEndpoints
{
    /// <summary>Address served when no <c>--urls</c> is given.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8792";

    /// <summary>Binds the health endpoints from <paramref name="urls"/> and the gRPC endpoint on <paramref name="grpcPort"/>.</summary>
    public static void Configure(KestrelServerOptions kestrel, string? urls, int grpcPort)
    {
        foreach (var raw in (string.IsNullOrWhiteSpace(urls) ? DefaultUrls : urls).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(raw, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
            {
                throw new InvalidOperationException($"--urls entry '{raw}' is not an http://host:port address.");
            }
            if (uri.Port == grpcPort)
            {
                throw new InvalidOperationException(
                    $"--urls port {uri.Port} is also Scheduler:GrpcPort; give the health endpoint another port (e.g. --urls http://127.0.0.1:8792).");
            }
            var address = uri.Host is "localhost" ? IPAddress.Loopback
                : uri.Host is "*" or "+" or "0.0.0.0" ? IPAddress.Any
                : IPAddress.Parse(uri.Host);
            kestrel.Listen(address, uri.Port, o => o.Protocols = HttpProtocols.Http1);
        }
        kestrel.Listen(IPAddress.Loopback, grpcPort, o => o.Protocols = HttpProtocols.Http2);
    }
}
