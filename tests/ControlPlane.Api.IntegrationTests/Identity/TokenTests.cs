using System.Text.RegularExpressions;
using ControlPlane.Api.IntegrationTests.Infrastructure;

namespace ControlPlane.Api.IntegrationTests.Identity;

[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class TokenTests(ApiHost api)
{
    [Fact]
    public async Task Password_login_issues_a_scoped_token_with_the_body_clients_read()
    {
        using var http = api.Anonymous();
        var (status, body, response) = await ApiClient.SendRawAsync(http, HttpMethod.Post, "/identity/v3/auth/tokens", ApiHost.AuthBody("demo", "demo", "secret"));

        Assert.Equal(201, status);
        Assert.False(string.IsNullOrEmpty(response.Headers.GetValues("X-Subject-Token").Single()));
        var token = body!["token"]!;
        Assert.Matches(new Regex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$"), token["expires_at"]!.GetValue<string>());
        Assert.Equal("Default", token["user"]!["domain"]!["name"]!.GetValue<string>());
        Assert.Equal("demo", token["project"]!["name"]!.GetValue<string>());
        Assert.Contains(token["roles"]!.AsArray(), r => r!["name"]!.GetValue<string>() == "member");
        var compute = token["catalog"]!.AsArray().Single(s => s!["type"]!.GetValue<string>() == "compute");
        var endpoint = compute!["endpoints"]!.AsArray().First(e => e!["interface"]!.GetValue<string>() == "public")!;
        Assert.Equal("RegionOne", endpoint["region"]!.GetValue<string>());
        Assert.Equal("http://127.0.0.1:8774/compute/v2.1", endpoint["url"]!.GetValue<string>());
        Assert.Contains(token["catalog"]!.AsArray(), s => s!["type"]!.GetValue<string>() == "image");
    }

    [Fact]
    public async Task A_wrong_password_is_401_with_keystones_error_body()
    {
        using var http = api.Anonymous();
        var (status, body, _) = await ApiClient.SendRawAsync(http, HttpMethod.Post, "/identity/v3/auth/tokens", ApiHost.AuthBody("demo", "demo", "wrong"));
        Assert.Equal(401, status);
        Assert.Equal(401, body!["error"]!["code"]!.GetValue<int>());
        Assert.Equal("Unauthorized", body["error"]!["title"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(body["error"]!["message"]!.GetValue<string>()));
    }

    [Theory]
    [InlineData("{")]
    [InlineData("""{"auth": {}}""")]
    [InlineData("""{"auth": {"identity": {"methods": ["password"]}}}""")]
    public async Task A_malformed_auth_body_is_400(string body)
    {
        using var http = api.Anonymous();
        var (status, response, _) = await ApiClient.SendRawAsync(http, HttpMethod.Post, "/identity/v3/auth/tokens", body);
        Assert.Equal(400, status);
        Assert.Equal(400, response!["error"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task Token_method_rescopes_and_validate_then_revoke_kills_the_token()
    {
        using var client = await api.LoginAsync("demo", "demo", "secret");
        using var http = api.Anonymous();
        var rescope = $$$$"""{"auth": {"identity": {"methods": ["token"], "token": {"id": "{{{{client.Token}}}}"}}, "scope": {"project": {"id": "{{{{client.ProjectId}}}}"} } } }""";
        var (status, _, response) = await ApiClient.SendRawAsync(http, HttpMethod.Post, "/identity/v3/auth/tokens", rescope);
        Assert.Equal(201, status);
        var second = response.Headers.GetValues("X-Subject-Token").Single();

        using var validate = new HttpRequestMessage(HttpMethod.Get, "/identity/v3/auth/tokens");
        validate.Headers.Add("X-Auth-Token", client.Token);
        validate.Headers.Add("X-Subject-Token", second);
        Assert.Equal(200, (int)(await http.SendAsync(validate)).StatusCode);

        using var revoke = new HttpRequestMessage(HttpMethod.Delete, "/identity/v3/auth/tokens");
        revoke.Headers.Add("X-Auth-Token", client.Token);
        revoke.Headers.Add("X-Subject-Token", second);
        Assert.Equal(204, (int)(await http.SendAsync(revoke)).StatusCode);

        using var after = new HttpRequestMessage(HttpMethod.Get, "/compute/v2.1/flavors");
        after.Headers.Add("X-Auth-Token", second);
        var rejected = await http.SendAsync(after);
        Assert.Equal(401, (int)rejected.StatusCode);
        Assert.Contains("\"error\"", await rejected.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Compute_without_a_token_is_401_but_version_documents_are_open()
    {
        using var http = api.Anonymous();
        var (status, body, _) = await ApiClient.SendRawAsync(http, HttpMethod.Get, "/compute/v2.1/servers");
        Assert.Equal(401, status);
        Assert.Equal("Unauthorized", body!["error"]!["title"]!.GetValue<string>());
        var (versionStatus, version, _) = await ApiClient.SendRawAsync(http, HttpMethod.Get, "/compute/v2.1");
        Assert.Equal(200, versionStatus);
        Assert.Equal("2.93", version!["version"]!["version"]!.GetValue<string>());
        var (discovery, _, _) = await ApiClient.SendRawAsync(http, HttpMethod.Get, "/identity/v3");
        Assert.Equal(200, discovery);
    }
}
