using System.Net;
using System.Text;

namespace ControlPlane.XenApi.Tests;

/// <summary>An HTTP handler answering each request from a script and recording what was sent.</summary>
internal sealed class ScriptedHandler(Func<ScriptedHandler.Request, (HttpStatusCode Status, string Body, string ContentType)> respond) : HttpMessageHandler
{
    public List<Request> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new Request(request.Method, request.RequestUri!, body);
        Requests.Add(recorded);
        var (status, text, type) = respond(recorded);
        return new HttpResponseMessage(status) { Content = new StringContent(text, Encoding.UTF8, type) };
    }

    internal sealed record Request(HttpMethod Method, Uri Uri, string Body);
}
