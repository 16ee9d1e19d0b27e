using System.Net;
using ControlPlane.Compute.Images;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Virt.Errors;

namespace ControlPlane.Compute.UnitTests.Images;

public sealed class HttpImageSourceTests
{
    private static readonly Guid ImageId = Guid.Parse("11111111-1111-1111-1111-111111111111");

    private sealed class StubHandler(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(answer(request));
        }
    }

    private sealed class SingleClientFactory(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }

    private static HttpImageSource Source(StubHandler handler, string baseUrl = "http://127.0.0.1:9292", string token = "svc-token")
    {
        var options = Microsoft.Extensions.Options.Options.Create(new ComputeOptions
        {
            Host = "h",
            ImageApiUrl = new Uri(baseUrl),
            ImageServiceToken = token,
        });
        var factory = new SingleClientFactory(handler);
        return new(factory, new ServiceTokenProvider(factory, options, TimeProvider.System), options);
    }

    [Fact]
    public async Task Streams_the_image_data_with_the_service_credential()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([1, 2, 3]) });

        await using var stream = await Source(handler).OpenReadAsync(ImageId, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);

        Assert.Equal([1, 2, 3], copy.ToArray());
        var request = Assert.Single(handler.Requests);
        Assert.Equal("http://127.0.0.1:9292/image/v2/images/11111111-1111-1111-1111-111111111111/file", request.RequestUri!.ToString());
        Assert.Equal("svc-token", request.Headers.GetValues("X-Auth-Token").Single());
    }

    [Fact]
    public async Task A_base_url_with_a_path_keeps_it()
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([]) });

        await using var stream = await Source(handler, "http://127.0.0.1:8774/prefix", token: "").OpenReadAsync(ImageId, CancellationToken.None);

        var request = Assert.Single(handler.Requests);
        Assert.StartsWith("http://127.0.0.1:8774/prefix/image/v2/images/", request.RequestUri!.ToString());
        Assert.False(request.Headers.Contains("X-Auth-Token"));
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.NoContent, false)]
    [InlineData(HttpStatusCode.Conflict, false)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.Unauthorized, true)]
    [InlineData(HttpStatusCode.Forbidden, true)]
    public async Task Failures_say_whether_another_host_could_succeed(HttpStatusCode status, bool retryable)
    {
        var handler = new StubHandler(_ => new HttpResponseMessage(status));

        var error = await Assert.ThrowsAsync<ImageUnavailableException>(() => Source(handler).OpenReadAsync(ImageId, CancellationToken.None));

        Assert.Equal(retryable, error.Retryable);
        Assert.Equal(ImageId, error.ImageId);
        Assert.DoesNotContain("svc-token", error.Message);
    }

    [Fact]
    public async Task An_unreachable_image_service_is_retryable()
    {
        var handler = new StubHandler(_ => throw new HttpRequestException("connection refused"));

        var error = await Assert.ThrowsAsync<ImageUnavailableException>(() => Source(handler).OpenReadAsync(ImageId, CancellationToken.None));

        Assert.True(error.Retryable);
    }

    [Fact]
    public async Task A_refused_token_is_renewed_once()
    {
        var calls = 0;
        var handler = new StubHandler(_ => ++calls == 1
            ? new HttpResponseMessage(HttpStatusCode.Unauthorized)
            : new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent([7]) });

        await using var stream = await Source(handler).OpenReadAsync(ImageId, CancellationToken.None);

        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal(7, stream.ReadByte());
    }
}
