using ControlPlane.Api.IntegrationTests.Infrastructure;

namespace ControlPlane.Api.IntegrationTests.Compute;

/// <summary><c>/images/{id}/metadata</c> through the image proxy (a stand-in imagestore records the JSON patches).</summary>
[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ImageMetadataTests(ApiHost api)
{
    private static readonly string Path = $"/compute/v2.1/images/{FakeImageService.Active}/metadata";

    [Fact]
    public async Task Setting_metadata_sends_one_glance_json_patch_and_answers_the_properties_after()
    {
        using var client = await api.NewTenantAsync();
        var key = "k" + Guid.NewGuid().ToString("N")[..8];

        var (status, body, _) = await client.SendAsync(HttpMethod.Post, Path, "{\"metadata\": {\"" + key + "\": \"v1\"}}");

        Assert.Equal(200, status);
        Assert.Equal("v1", body!["metadata"]![key]!.GetValue<string>());
        var patch = Assert.Single(FakeImageService.Patches, p => p.Operations.Contains(key, StringComparison.Ordinal));
        Assert.StartsWith("application/openstack-images-v2.1-json-patch", patch.ContentType, StringComparison.Ordinal);
        Assert.Equal("[{\"op\":\"add\",\"path\":\"/" + key + "\",\"value\":\"v1\"}]", patch.Operations);
        Assert.Equal(200, (await client.SendAsync(HttpMethod.Get, Path)).Status);
    }

    [Theory]
    [InlineData("POST", "", """{"metadata": {"": "blank"}}""", 400)]
    [InlineData("POST", "", """{"metadata": {"k": 1}}""", 400)]
    [InlineData("PUT", "", """{"meta": {"k": "v"}}""", 400)]
    [InlineData("PUT", "/a", """{"meta": {"b": "v"}}""", 400)]
    [InlineData("PUT", "/a", """{"meta": {"a": "v", "b": "w"}}""", 400)]
    [InlineData("POST", "", """{"metadata": {"name": "renamed"}}""", 400)]
    [InlineData("GET", "/missing", null, 404)]
    [InlineData("DELETE", "/missing", null, 404)]
    public async Task Bad_image_metadata_requests_get_novas_error_and_send_nothing(string method, string suffix, string? body, int expected)
    {
        using var client = await api.NewTenantAsync();
        var before = FakeImageService.Patches.Count;

        var (status, response, _) = await client.SendAsync(new HttpMethod(method), Path + suffix, body);

        Assert.Equal(expected, status);
        Assert.NotNull(response![expected == 400 ? "badRequest" : "itemNotFound"]);
        Assert.Equal(before, FakeImageService.Patches.Count);
    }

    [Fact]
    public async Task Too_many_items_is_403_an_unknown_image_404_and_the_routes_end_at_2_39()
    {
        using var client = await api.NewTenantAsync();
        var many = "{\"metadata\": {" + string.Join(", ", Enumerable.Range(0, 129).Select(i => $"\"k{i}\": \"v\"")) + "}}";

        Assert.Equal(403, (await client.SendAsync(HttpMethod.Put, Path, many)).Status);
        Assert.Equal(404, (await client.SendAsync(HttpMethod.Get, $"/compute/v2.1/images/{Guid.NewGuid()}/metadata")).Status);
        Assert.Equal(404, (await client.SendAsync(HttpMethod.Get, Path, null, "2.39")).Status);
        Assert.Equal(200, (await client.SendAsync(HttpMethod.Get, Path, null, "2.38")).Status);
    }
}
