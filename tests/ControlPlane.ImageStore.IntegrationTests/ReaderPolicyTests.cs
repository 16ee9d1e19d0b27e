using System.Net;
using System.Net.Http.Json;
using ControlPlane.ImageStore.IntegrationTests.Infrastructure;

namespace ControlPlane.ImageStore.IntegrationTests;

/// <summary>Glance's scoped defaults: a reader-only user of the owner (or member) project reads but every write is 403.</summary>
[Collection(ImageStoreCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ReaderPolicyTests(ImageStoreFixture fixture)
{
    [Fact]
    public async Task A_reader_gets_403_for_every_image_write()
    {
        var ownerProject = ImageStoreFixture.NewProject();
        var consumerProject = ImageStoreFixture.NewProject();
        using var owner = fixture.ClientFor(ownerProject);
        using var reader = fixture.ClientFor(ownerProject, "reader");
        using var consumerReader = fixture.ClientFor(consumerProject, "reader");
        var id = await owner.CreateImageAsync("reader-policy", """, "visibility": "shared" """);
        using (var add = await owner.Http.PostAsJsonAsync($"v2/images/{id}/members", new { member = consumerProject }))
        {
            Assert.Equal(HttpStatusCode.OK, add.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await reader.ShowAsync(id)).Status);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetJsonAsync($"v2/images/{id}/members")).Status);
        Assert.Equal(HttpStatusCode.OK, (await consumerReader.ShowAsync(id)).Status);

        var denied = new Dictionary<string, HttpStatusCode>
        {
            ["create"] = (await reader.CreateAsync("""{"name": "x"}""")).Status,
            ["update"] = (await reader.PatchAsync(id, "application/openstack-images-v2.1-json-patch", """[{"op": "replace", "path": "/name", "value": "y"}]""")).Status,
            ["upload"] = await reader.UploadSizedAsync(id, [1, 2, 3]),
            ["add tag"] = await reader.SendAsync(HttpMethod.Put, $"v2/images/{id}/tags/t1"),
            ["remove tag"] = await reader.SendAsync(HttpMethod.Delete, $"v2/images/{id}/tags/t1"),
            ["deactivate"] = await reader.SendAsync(HttpMethod.Post, $"v2/images/{id}/actions/deactivate"),
            ["reactivate"] = await reader.SendAsync(HttpMethod.Post, $"v2/images/{id}/actions/reactivate"),
            ["remove member"] = await reader.SendAsync(HttpMethod.Delete, $"v2/images/{id}/members/{consumerProject}"),
            ["delete"] = await reader.SendAsync(HttpMethod.Delete, $"v2/images/{id}"),
        };
        using (var addMember = await reader.Http.PostAsJsonAsync($"v2/images/{id}/members", new { member = ImageStoreFixture.NewProject() }))
        {
            denied["add member"] = addMember.StatusCode;
        }
        using (var accept = await consumerReader.Http.PutAsJsonAsync($"v2/images/{id}/members/{consumerProject}", new { status = "accepted" }))
        {
            denied["accept share"] = accept.StatusCode;
        }
        Assert.Empty(denied.Where(d => d.Value != HttpStatusCode.Forbidden).Select(d => $"{d.Key}: {d.Value}"));
        var (_, image) = await owner.ShowAsync(id);
        Assert.Equal(("reader-policy", "queued"), ((string?)image!["name"], (string?)image["status"]));
    }
}
