using System.Net;
using System.Text.Json.Nodes;
using ControlPlane.ImageStore.IntegrationTests.Infrastructure;

namespace ControlPlane.ImageStore.IntegrationTests;

[Collection(ImageStoreCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ImageListTests(ImageStoreFixture fixture)
{
    private static List<string> Names(JsonObject? body) => body!["images"]!.AsArray().Select(i => (string)i!["name"]!).ToList();

    [Fact]
    public async Task Filters_select_by_name_status_visibility_owner_and_tag()
    {
        var project = ImageStoreFixture.NewProject();
        using var client = fixture.ClientFor(project);
        var a = await client.CreateImageAsync("alpha", ""","visibility":"private","tags":["red","big"]""");
        await client.CreateImageAsync("beta", ""","tags":["red"]""");
        await client.CreateImageAsync("gamma", ""","visibility":"community" """);
        Assert.Equal(HttpStatusCode.NoContent, await client.UploadSizedAsync(a, [1, 2, 3]));
        var own = $"owner={project}";

        Assert.Equal(["alpha"], Names((await client.GetJsonAsync($"v2/images?{own}&name=alpha")).Body));
        Assert.Equal(["alpha"], Names((await client.GetJsonAsync($"v2/images?{own}&status=active")).Body));
        Assert.Equal(["alpha"], Names((await client.GetJsonAsync($"v2/images?{own}&visibility=private")).Body));
        Assert.Equal(["beta"], Names((await client.GetJsonAsync($"v2/images?{own}&visibility=shared")).Body));
        Assert.Equal(["gamma"], Names((await client.GetJsonAsync($"v2/images?{own}&visibility=community")).Body));
        Assert.Equal(["alpha", "beta"], Names((await client.GetJsonAsync($"v2/images?{own}&tag=red&sort_key=name&sort_dir=asc")).Body));
        Assert.Equal(["alpha"], Names((await client.GetJsonAsync($"v2/images?{own}&tag=red&tag=big")).Body));
        Assert.Equal(["alpha"], Names((await client.GetJsonAsync($"v2/images?{own}&size_min=1&size_max=3")).Body));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetJsonAsync("v2/images?visibility=everyone")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetJsonAsync("v2/images?sort_key=secret")).Status);
    }

    [Fact]
    public async Task Another_projects_listing_shows_its_community_image_only_when_asked()
    {
        var project = ImageStoreFixture.NewProject();
        using var owner = fixture.ClientFor(project);
        using var other = fixture.ClientFor(ImageStoreFixture.NewProject());
        await owner.CreateImageAsync("comm", ""","visibility":"community" """);
        await owner.CreateImageAsync("priv", ""","visibility":"private" """);

        Assert.Empty(Names((await other.GetJsonAsync($"v2/images?owner={project}")).Body));
        Assert.Equal(["comm"], Names((await other.GetJsonAsync($"v2/images?owner={project}&visibility=community")).Body));
        Assert.Equal(["comm"], Names((await other.GetJsonAsync($"v2/images?owner={project}&visibility=all")).Body));
    }

    [Fact]
    public async Task Sorting_and_marker_paging_visit_every_image_once()
    {
        var project = ImageStoreFixture.NewProject();
        using var client = fixture.ClientFor(project);
        var names = new[] { "e", "b", "d", "a", "c", "b" };
        foreach (var name in names)
        {
            await client.CreateImageAsync(name);
        }

        var seen = new List<string>();
        var url = $"v2/images?owner={project}&sort_key=name&sort_dir=asc&limit=2";
        var pages = 0;
        while (url is not null)
        {
            var (status, body) = await client.GetJsonAsync(url.TrimStart('/'));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.StartsWith("/v2/images", (string?)body!["first"]);
            Assert.Equal("/v2/schemas/images", (string?)body["schema"]);
            seen.AddRange(Names(body));
            url = (string?)body["next"];
            Assert.True(++pages <= 4, "paging did not terminate");
        }

        Assert.Equal(["a", "b", "b", "c", "d", "e"], seen);
        var desc = Names((await client.GetJsonAsync($"v2/images?owner={project}&sort=name:desc")).Body);
        Assert.Equal(["e", "d", "c", "b", "b", "a"], desc);
        var newestFirst = Names((await client.GetJsonAsync($"v2/images?owner={project}")).Body);
        Assert.Equal(6, newestFirst.Count);
    }

    [Fact]
    public async Task Limit_cuts_the_page_and_an_unknown_marker_is_400()
    {
        var project = ImageStoreFixture.NewProject();
        using var client = fixture.ClientFor(project);
        for (var i = 0; i < 3; i++)
        {
            await client.CreateImageAsync("l" + i);
        }

        var (_, page) = await client.GetJsonAsync($"v2/images?owner={project}&limit=2");
        Assert.Equal(2, Names(page).Count);
        Assert.Contains("marker=", (string?)page!["next"]);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetJsonAsync($"v2/images?marker={Guid.NewGuid()}")).Status);
    }

    [Fact]
    public async Task Hidden_images_are_listed_only_when_asked()
    {
        var project = ImageStoreFixture.NewProject();
        using var client = fixture.ClientFor(project);
        await client.CreateImageAsync("hidden", ""","os_hidden":true""");
        await client.CreateImageAsync("shown");

        Assert.Equal(["shown"], Names((await client.GetJsonAsync($"v2/images?owner={project}")).Body));
        Assert.Equal(["hidden"], Names((await client.GetJsonAsync($"v2/images?owner={project}&os_hidden=true")).Body));
    }
}
