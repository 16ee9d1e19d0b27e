using System.Net;
using ControlPlane.ImageStore.IntegrationTests.Infrastructure;

namespace ControlPlane.ImageStore.IntegrationTests;

[Collection(ImageStoreCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ListLimitsTests(ImageStoreFixture fixture)
{
    [Fact]
    public async Task Hostile_sorts_are_400_while_ordinary_lists_keep_working()
    {
        var project = ImageStoreFixture.NewProject();
        using var client = fixture.ClientFor(project);
        await client.CreateImageAsync("limits-a");
        var fifteenHundred = "v2/images?sort=" + string.Join(",", Enumerable.Repeat("name", 1500));
        var repeated = "v2/images?" + string.Join("&", Enumerable.Repeat("sort_key=name", 500));

        var hostile = Enumerable.Range(0, 40).Select(i => client.GetJsonAsync(i % 2 == 0 ? fifteenHundred : repeated)).ToList();
        var (ordinary, body) = await client.GetJsonAsync($"v2/images?owner={project}&sort=name:asc,size,created_at:desc");
        var statuses = (await Task.WhenAll(hostile)).Select(r => r.Status).Distinct().ToList();

        Assert.Equal([HttpStatusCode.BadRequest], statuses);
        Assert.Equal(HttpStatusCode.OK, ordinary);
        Assert.Single(body!["images"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetJsonAsync("v2/images?sort=name,size,name")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetJsonAsync("v2/images?limit=-1")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetJsonAsync("v2/images?marker=not-a-uuid")).Status);
    }

    [Fact]
    public async Task Every_sortable_key_with_a_marker_pages_without_overlap()
    {
        var project = ImageStoreFixture.NewProject();
        using var client = fixture.ClientFor(project);
        for (var i = 0; i < 3; i++)
        {
            await client.CreateImageAsync("page-" + i);
        }
        var sort = "name:asc,status,visibility,owner,container_format,disk_format,size,virtual_size,min_ram,min_disk,created_at,updated_at,id";
        var (_, first) = await client.GetJsonAsync($"v2/images?owner={project}&sort={sort}&limit=2");
        var page1 = first!["images"]!.AsArray().Select(i => (string)i!["name"]!).ToList();
        var marker = (string)first["images"]!.AsArray()[1]!["id"]!;
        var (status, second) = await client.GetJsonAsync($"v2/images?owner={project}&sort={sort}&limit=2&marker={marker}");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["page-0", "page-1"], page1);
        Assert.Equal(["page-2"], second!["images"]!.AsArray().Select(i => (string)i!["name"]!).ToList());
    }
}
