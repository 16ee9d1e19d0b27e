using ControlPlane.XenApi.Sessions;

namespace ControlPlane.EndToEndTests.Infrastructure;

/// <summary>A XenAPI session with the HTTP client it owns; disposing logs out.</summary>
public sealed class XenConnection : IAsyncDisposable
{
    private readonly HttpClient http;

    internal XenConnection(XenHost host)
    {
        Host = host;
        // Raw exports of a 1 GiB disk stream through this client: generous, but bounded.
        http = new HttpClient { Timeout = TimeSpan.FromMinutes(5) };
        Session = new XenApiSession(new XenApiConnectionOptions
        {
            Url = host.Url,
            Username = host.Username,
            Password = host.Password,
            Originator = "ControlPlane.EndToEndTests",
        }, http);
    }

    public XenHost Host { get; }

    public XenApiSession Session { get; }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Session.DisposeAsync();
        }
        finally
        {
            http.Dispose();
        }
    }
}
