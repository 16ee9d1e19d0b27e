using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ControlPlane.ImageStore.IntegrationTests.Infrastructure;

namespace ControlPlane.ImageStore.IntegrationTests;

[Collection(ImageStoreCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ImageMemberTests(ImageStoreFixture fixture)
{
    private static List<string> Ids(JsonObject? body) => body!["images"]!.AsArray().Select(i => (string)i!["id"]!).ToList();

    [Fact]
    public async Task Sharing_lets_the_member_see_accept_and_list_the_image()
    {
        var ownerProject = ImageStoreFixture.NewProject();
        var memberProject = ImageStoreFixture.NewProject();
        using var owner = fixture.ClientFor(ownerProject);
        using var member = fixture.ClientFor(memberProject);
        using var stranger = fixture.ClientFor(ImageStoreFixture.NewProject());
        var id = await owner.CreateImageAsync("shared-one");

        Assert.Equal(HttpStatusCode.NotFound, (await member.ShowAsync(id)).Status);

        using var add = await owner.Http.PostAsJsonAsync($"v2/images/{id}/members", new { member = memberProject });
        Assert.Equal(HttpStatusCode.OK, add.StatusCode);
        var added = await add.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(("pending", memberProject, "/v2/schemas/member"), ((string?)added!["status"], (string?)added["member_id"], (string?)added["schema"]));
        using var again = await owner.Http.PostAsJsonAsync($"v2/images/{id}/members", new { member = memberProject });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await member.ShowAsync(id)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.ShowAsync(id)).Status);
        Assert.Equal([id.ToString()], Ids((await member.GetJsonAsync("v2/images?member_status=pending&visibility=shared")).Body));
        Assert.DoesNotContain(id.ToString(), Ids((await member.GetJsonAsync("v2/images")).Body));

        using var ownerAccepts = await owner.Http.PutAsJsonAsync($"v2/images/{id}/members/{memberProject}", new { status = "accepted" });
        Assert.Equal(HttpStatusCode.Forbidden, ownerAccepts.StatusCode);
        using var accept = await member.Http.PutAsJsonAsync($"v2/images/{id}/members/{memberProject}", new { status = "accepted" });
        Assert.Equal(HttpStatusCode.OK, accept.StatusCode);
        Assert.Contains(id.ToString(), Ids((await member.GetJsonAsync("v2/images")).Body));

        var (_, mine) = await member.GetJsonAsync($"v2/images/{id}/members");
        Assert.Single(mine!["members"]!.AsArray());
        Assert.Equal(HttpStatusCode.Forbidden, await member.SendAsync(HttpMethod.Delete, $"v2/images/{id}/members/{memberProject}"));
        Assert.Equal(HttpStatusCode.NoContent, await owner.SendAsync(HttpMethod.Delete, $"v2/images/{id}/members/{memberProject}"));
        Assert.Equal(HttpStatusCode.NotFound, (await member.ShowAsync(id)).Status);
    }

    [Fact]
    public async Task Only_shared_images_have_members()
    {
        using var owner = fixture.ClientFor(ImageStoreFixture.NewProject());
        var id = await owner.CreateImageAsync("private-one", ""","visibility":"private" """);

        using var add = await owner.Http.PostAsJsonAsync($"v2/images/{id}/members", new { member = "someone" });
        Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
    }

    [Fact]
    public async Task List_filters_on_exact_size()
    {
        var project = ImageStoreFixture.NewProject();
        using var client = fixture.ClientFor(project);
        var a = await client.CreateImageAsync("s1");
        var b = await client.CreateImageAsync("s2");
        Assert.Equal(HttpStatusCode.NoContent, await client.UploadSizedAsync(a, new byte[1234]));
        Assert.Equal(HttpStatusCode.NoContent, await client.UploadSizedAsync(b, new byte[4321]));

        Assert.Equal([a.ToString()], Ids((await client.GetJsonAsync($"v2/images?owner={project}&size=1234")).Body));
    }
}
