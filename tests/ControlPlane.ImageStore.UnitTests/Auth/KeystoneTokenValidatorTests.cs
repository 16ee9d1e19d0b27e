using System.Net;
using System.Text;
using ControlPlane.Domain.Errors;
using ControlPlane.ImageStore.Auth;
using ControlPlane.ImageStore.Options;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace ControlPlane.ImageStore.UnitTests.Auth;

public sealed class KeystoneTokenValidatorTests
{
    private const string TokenBody = """
        {"token":{"expires_at":"2026-11-26T13:00:00.000000Z","user":{"id":"u1","name":"demo","domain":{"id":"default","name":"Default"}},
         "project":{"id":"p1","name":"demo","domain":{"id":"default","name":"Default"}},
         "roles":[{"id":"r1","name":"member"},{"id":"r2","name":"Reader"}]}}
        """;

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));

    private (KeystoneTokenValidator Validator, Handler Handler) Create(HttpStatusCode status, string body, string serviceToken = "")
    {
        var handler = new Handler(status, body);
        var options = Microsoft.Extensions.Options.Options.Create(new IdentityOptions
        {
            Url = "http://identity.test/identity/v3/",
            CacheSeconds = 30,
            ServiceToken = serviceToken,
        });
        var cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = 100 });
        return (new KeystoneTokenValidator(new HttpClient(handler), cache, options, time, NullLogger<KeystoneTokenValidator>.Instance), handler);
    }

    [Fact]
    public async Task A_valid_token_yields_project_user_and_lower_case_roles()
    {
        var (validator, handler) = Create(HttpStatusCode.OK, TokenBody);

        var caller = await validator.ValidateAsync("tok", CancellationToken.None);

        Assert.Equal(("p1", "u1"), (caller.ProjectId, caller.UserId));
        Assert.True(caller.Roles.SetEquals(["member", "reader"]));
        Assert.False(caller.IsAdmin);
        Assert.Equal("http://identity.test/identity/v3/auth/tokens", handler.LastUri);
        Assert.Equal(("tok", "tok"), (handler.LastAuthToken, handler.LastSubjectToken));
    }

    [Fact]
    public async Task Validations_are_cached_until_the_cache_window_passes()
    {
        var (validator, handler) = Create(HttpStatusCode.OK, TokenBody);

        await validator.ValidateAsync("tok", CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(29));
        await validator.ValidateAsync("tok", CancellationToken.None);
        Assert.Equal(1, handler.Calls);

        time.Advance(TimeSpan.FromSeconds(2));
        await validator.ValidateAsync("tok", CancellationToken.None);
        Assert.Equal(2, handler.Calls);
    }

    [Fact]
    public async Task A_service_token_is_sent_as_the_auth_token_when_configured()
    {
        var (validator, handler) = Create(HttpStatusCode.OK, TokenBody, serviceToken: "svc");
        await validator.ValidateAsync("tok", CancellationToken.None);
        Assert.Equal(("svc", "tok"), (handler.LastAuthToken, handler.LastSubjectToken));
    }

    [Theory]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Unauthorized)]
    public async Task Rejected_tokens_are_401(HttpStatusCode status)
    {
        var (validator, _) = Create(status, """{"error":{"message":"nope"}}""");
        var ex = await Assert.ThrowsAsync<NotAuthenticatedException>(() => validator.ValidateAsync("bad", CancellationToken.None));
        Assert.Equal(401, ex.HttpStatus);
    }

    [Fact]
    public async Task Identity_failures_are_503()
    {
        var (validator, _) = Create(HttpStatusCode.InternalServerError, "oops");
        await Assert.ThrowsAsync<ServiceUnavailableException>(() => validator.ValidateAsync("tok", CancellationToken.None));
    }

    [Fact]
    public async Task Expired_tokens_are_401()
    {
        var (validator, _) = Create(HttpStatusCode.OK, TokenBody);
        time.Advance(TimeSpan.FromHours(2));
        await Assert.ThrowsAsync<NotAuthenticatedException>(() => validator.ValidateAsync("tok", CancellationToken.None));
    }

    [Fact]
    public void Unscoped_tokens_are_rejected() =>
        Assert.Throws<NotAuthenticatedException>(() => KeystoneTokenParser.Parse("""{"token":{"user":{"id":"u"}}}"""u8));

    private sealed class Handler(HttpStatusCode status, string body) : HttpMessageHandler
    {
        public int Calls { get; private set; }
        public string? LastUri { get; private set; }
        public string? LastAuthToken { get; private set; }
        public string? LastSubjectToken { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            LastUri = request.RequestUri?.ToString();
            LastAuthToken = request.Headers.GetValues("X-Auth-Token").Single();
            LastSubjectToken = request.Headers.GetValues("X-Subject-Token").Single();
            return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
        }
    }
}
