using ControlPlane.Api.IntegrationTests.Infrastructure;

namespace ControlPlane.Api.IntegrationTests.Compute;

[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class FlavorTests(ApiHost api)
{
    [Fact]
    public async Task Lists_the_seeded_flavors_and_echoes_the_microversion()
    {
        using var client = await api.LoginAsync("demo", "demo", "secret");
        var (status, body, response) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/flavors", microversion: "2.55");
        Assert.Equal(200, status);
        var ids = body!["flavors"]!.AsArray().Select(f => f!["id"]!.GetValue<string>()).ToList();
        Assert.Subset(ids.ToHashSet(), new HashSet<string> { "1", "2", "3", "4", "5" });
        Assert.Equal("compute 2.55", response.Headers.GetValues("OpenStack-API-Version").Single());
        Assert.Equal("2.55", response.Headers.GetValues("X-OpenStack-Nova-API-Version").Single());
        Assert.True(body["flavors"]![0]!.AsObject().ContainsKey("description"));
    }

    [Fact]
    public async Task Detail_honours_minRam_minDisk_limit_and_marker()
    {
        using var client = await api.LoginAsync("demo", "demo", "secret");
        var (_, big, _) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/flavors/detail?minRam=2048&minDisk=20");
        var names = big!["flavors"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain("m1.tiny", names);
        Assert.Contains("m1.small", names);
        Assert.All(big["flavors"]!.AsArray(), f => Assert.True(f!["ram"]!.GetValue<int>() >= 2048));

        var (_, page, _) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/flavors?limit=2");
        Assert.Equal(2, page!["flavors"]!.AsArray().Count);
        Assert.Contains("marker=", page["flavors_links"]![0]!["href"]!.GetValue<string>());

        var (_, after, _) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/flavors?marker=1");
        Assert.DoesNotContain(after!["flavors"]!.AsArray(), f => f!["id"]!.GetValue<string>() == "1");
        Assert.Contains(after["flavors"]!.AsArray(), f => f!["id"]!.GetValue<string>() == "2");
    }

    [Theory]
    [InlineData("/compute/v2.1/flavors?minRam=abc", 400, "badRequest")]
    [InlineData("/compute/v2.1/flavors?marker=no-such-flavor", 400, "badRequest")]
    [InlineData("/compute/v2.1/flavors/m1.tiny", 404, "itemNotFound")]
    [InlineData("/compute/v2.1/flavors?bogus=1", 200, null)]
    public async Task Bad_queries_get_novas_errors(string path, int expected, string? fault)
    {
        using var client = await api.LoginAsync("demo", "demo", "secret");
        var (status, body, _) = await client.SendAsync(HttpMethod.Get, path);
        Assert.Equal(expected, status);
        if (fault is not null)
        {
            Assert.Equal(expected, body![fault]!["code"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task Unknown_query_parameters_are_400_from_2_75()
    {
        using var client = await api.LoginAsync("demo", "demo", "secret");
        var (status, body, _) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/flavors?bogus=1", microversion: "2.75");
        Assert.Equal(400, status);
        Assert.Contains("bogus", body!["badRequest"]!["message"]!.GetValue<string>());
    }
}
