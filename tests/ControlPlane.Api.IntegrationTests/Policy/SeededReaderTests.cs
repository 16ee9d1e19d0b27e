using ControlPlane.Api.IntegrationTests.Infrastructure;

namespace ControlPlane.Api.IntegrationTests.Policy;

[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SeededReaderTests(ApiHost api)
{
    [Fact]
    public async Task Tempest_reader_1_holds_only_reader_on_tempest_project_1_and_may_only_read()
    {
        using var reader = await api.LoginAsync("tempest_reader_1", "tempest_project_1", "secret");
        var roles = await RolesAsync(reader);
        Assert.Equal(["reader"], roles);

        Assert.Equal(200, (await reader.SendAsync(HttpMethod.Get, "/compute/v2.1/servers")).Status);
        var (create, body, _) = await reader.SendAsync(HttpMethod.Post, "/compute/v2.1/servers",
            $$$"""{"server": {"name": "reader-vm", "flavorRef": "1", "imageRef": "{{{ApiClient.ActiveImage}}}"}}""");
        Assert.Equal(403, create);
        Assert.Equal("Policy doesn't allow os_compute_api:servers:create to be performed.", body!["forbidden"]!["message"]!.GetValue<string>());
        var (keypair, _, _) = await reader.SendAsync(HttpMethod.Post, "/compute/v2.1/os-keypairs", """{"keypair": {"name": "reader-kp"}}""");
        Assert.Equal(403, keypair);
    }

    private static async Task<string[]> RolesAsync(ApiClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/identity/v3/auth/tokens");
        request.Headers.Add("X-Subject-Token", client.Token);
        using var response = await client.Http.SendAsync(request);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return [.. body["token"]!["roles"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).Order()];
    }
}
