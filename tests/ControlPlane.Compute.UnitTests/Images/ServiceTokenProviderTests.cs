using System.Net;
using System.Text;
using ControlPlane.Compute.Images;
using ControlPlane.Compute.Options;
using ControlPlane.Compute.Virt.Errors;
using Microsoft.Extensions.Time.Testing;

namespace ControlPlane.Compute.UnitTests.Images;

public sealed class ServiceTokenProviderTests
{
    private static readonly Guid ImageId = Guid.NewGuid();

    private sealed class Identity(DateTimeOffset expiresAt) : HttpMessageHandler, IHttpClientFactory
    {
        public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];

        public HttpStatusCode Status { get; set; } = HttpStatusCode.Created;

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add((request, await request.Content!.ReadAsStringAsync(cancellationToken)));
            var response = new HttpResponseMessage(Status)
            {
                Content = new StringContent(
                    "{\"token\":{\"expires_at\":\"" + expiresAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", System.Globalization.CultureInfo.InvariantCulture) + "\"}}",
                    Encoding.UTF8,
                    "application/json"),
            };
            response.Headers.Add("X-Subject-Token", "token-" + Requests.Count);
            return response;
        }
    }

    private static (ServiceTokenProvider Provider, Identity Identity, FakeTimeProvider Time) New()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        var identity = new Identity(time.GetUtcNow().AddHours(1));
        var options = Microsoft.Extensions.Options.Options.Create(new ComputeOptions
        {
            Host = "h",
            ServiceUsername = "compute",
            ServicePassword = "s3cret",
            ServiceProject = "service",
        });
        return (new ServiceTokenProvider(identity, options, time), identity, time);
    }

    [Fact]
    public async Task Issues_a_project_scoped_password_token_and_reuses_it_until_a_minute_before_expiry()
    {
        var (provider, identity, time) = New();

        Assert.Equal("token-1", await provider.GetTokenAsync(ImageId, CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(58));
        Assert.Equal("token-1", await provider.GetTokenAsync(ImageId, CancellationToken.None));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal("token-2", await provider.GetTokenAsync(ImageId, CancellationToken.None));

        var (request, body) = identity.Requests[0];
        Assert.Equal("http://127.0.0.1:8774/identity/v3/auth/tokens", request.RequestUri!.ToString());
        Assert.Contains("\"password\":\"s3cret\"", body);
        Assert.Contains("\"project\":{\"name\":\"service\"", body);
    }

    [Fact]
    public async Task Invalidate_forces_a_new_token()
    {
        var (provider, identity, _) = New();
        await provider.GetTokenAsync(ImageId, CancellationToken.None);

        provider.Invalidate();

        Assert.Equal("token-2", await provider.GetTokenAsync(ImageId, CancellationToken.None));
        Assert.Equal(2, identity.Requests.Count);
    }

    [Fact]
    public async Task A_refused_service_user_is_a_retryable_image_error_without_the_password()
    {
        var (provider, identity, _) = New();
        identity.Status = HttpStatusCode.Unauthorized;

        var error = await Assert.ThrowsAsync<ImageUnavailableException>(() => provider.GetTokenAsync(ImageId, CancellationToken.None));

        Assert.True(error.Retryable);
        Assert.DoesNotContain("s3cret", error.Message);
    }

    [Fact]
    public async Task Without_a_service_user_the_fixed_token_or_none_is_used()
    {
        var factory = new Identity(DateTimeOffset.MaxValue);
        var fixedToken = new ServiceTokenProvider(factory, Microsoft.Extensions.Options.Options.Create(new ComputeOptions { ImageServiceToken = "fixed" }), TimeProvider.System);
        var none = new ServiceTokenProvider(factory, Microsoft.Extensions.Options.Options.Create(new ComputeOptions()), TimeProvider.System);

        Assert.Equal("fixed", await fixedToken.GetTokenAsync(ImageId, CancellationToken.None));
        Assert.Null(await none.GetTokenAsync(ImageId, CancellationToken.None));
        Assert.Empty(factory.Requests);
    }
}
