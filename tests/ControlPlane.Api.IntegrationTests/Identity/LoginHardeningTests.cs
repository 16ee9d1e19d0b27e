using ControlPlane.Api.IntegrationTests.Infrastructure;
using ControlPlane.Api.Options;
using Microsoft.Extensions.Options;

namespace ControlPlane.Api.IntegrationTests.Identity;

[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LoginHardeningTests(ApiHost api)
{
    [Fact]
    public async Task A_user_name_with_nul_is_400_not_500()
    {
        using var http = api.Anonymous();
        var body = """{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "a\u0000", "domain": {"name": "Default"}, "password": "x"}}}}}""";
        var (status, reply, _) = await ApiClient.SendRawAsync(http, HttpMethod.Post, "/identity/v3/auth/tokens", body);
        Assert.Equal(400, status);
        Assert.Equal(400, reply!["error"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Repeated_failures_for_a_user_are_throttled_with_retry_after_even_for_the_right_password()
    {
        using var tenant = await api.NewTenantAsync();
        var user = await api.ScalarAsync("SELECT name FROM users WHERE id = @u", ("u", tenant.UserId)) as string;
        var project = await api.ScalarAsync("SELECT name FROM projects WHERE id = @p", ("p", tenant.ProjectId)) as string;
        var limit = api.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.LoginFailuresPerUser;
        using var http = api.Anonymous();
        for (var i = 0; i < limit; i++)
        {
            var (status, _, _) = await ApiClient.SendRawAsync(http, HttpMethod.Post, "/identity/v3/auth/tokens", ApiHost.AuthBody(user!, project!, "wrong"));
            Assert.Equal(401, status);
        }

        var (held, body, response) = await ApiClient.SendRawAsync(http, HttpMethod.Post, "/identity/v3/auth/tokens", ApiHost.AuthBody(user!, project!, "pw-" + tenant.UserId[1..]));
        Assert.Equal(429, held);
        Assert.Equal(429, body!["error"]!["code"]!.GetValue<int>());
        var retryAfter = int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, (int)api.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.LoginFailureWindow.TotalSeconds);

        var (unknown, _, _) = await ApiClient.SendRawAsync(http, HttpMethod.Post, "/identity/v3/auth/tokens", ApiHost.AuthBody("it-nobody-" + Guid.NewGuid().ToString("N")[..8], project!, "wrong"));
        Assert.Equal(401, unknown);
    }
}
