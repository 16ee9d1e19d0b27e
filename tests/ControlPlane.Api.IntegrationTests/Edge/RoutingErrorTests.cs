using ControlPlane.Api.IntegrationTests.Infrastructure;

namespace ControlPlane.Api.IntegrationTests.Edge;

/// <summary>Unknown routes, wrong methods and oversized bodies answer in the service's error shape (issue 13 item 9).</summary>
[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RoutingErrorTests(ApiHost api)
{
    [Fact]
    public async Task An_unknown_compute_route_is_404_with_novas_item_not_found_body()
    {
        using var client = await api.NewTenantAsync();

        var (status, body, response) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/no-such-thing");

        Assert.Equal(404, status);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(404, body!["itemNotFound"]!["code"]!.GetValue<int>());
        Assert.Equal("The resource could not be found.", body["itemNotFound"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_wrong_method_on_a_compute_route_is_405_with_novas_bad_method_body()
    {
        using var client = await api.NewTenantAsync();

        var (status, body, _) = await client.SendAsync(HttpMethod.Patch, "/compute/v2.1/flavors");

        Assert.Equal(405, status);
        Assert.Equal(405, body!["badMethod"]!["code"]!.GetValue<int>());
        Assert.Contains("PATCH", body["badMethod"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_identity_route_is_404_with_keystones_error_body()
    {
        using var anonymous = api.Anonymous();

        using var response = await anonymous.GetAsync("/identity/v3/no-such-thing");
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal(("Not Found", 404), (body!["error"]!["title"]!.GetValue<string>(), body["error"]!["code"]!.GetValue<int>()));
    }

    [Fact]
    public async Task A_metadata_body_over_the_size_cap_is_413_in_novas_shape_and_writes_nothing()
    {
        using var client = await api.NewTenantAsync();
        var id = await client.CreateServerAsync();
        await api.ScalarAsync("UPDATE instances SET vm_state = 'active', task_state = NULL WHERE id = @i", ("i", Guid.Parse(id)));
        var huge = "{\"metadata\": {" + string.Join(", ", Enumerable.Range(0, 2000).Select(i => $"\"key{i}\": \"{new string('v', 200)}\"")) + "}}";

        var (status, body, _) = await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{id}/metadata", huge);

        Assert.Equal(413, status);
        Assert.Equal(413, body!["requestEntityTooLarge"]!["code"]!.GetValue<int>());
        Assert.Equal("{}", await api.ScalarAsync("SELECT metadata::text FROM instances WHERE id = @i", ("i", Guid.Parse(id))));
    }
}
