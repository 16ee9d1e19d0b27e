using System.Net;
using System.Text.Json.Nodes;
using ControlPlane.ImageStore.IntegrationTests.Infrastructure;

namespace ControlPlane.ImageStore.IntegrationTests;

[Collection(ImageStoreCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ImageMetadataTests(ImageStoreFixture fixture)
{
    private const string V21 = "application/openstack-images-v2.1-json-patch";
    private const string V20 = "application/openstack-images-v2.0-json-patch";

    [Fact]
    public async Task Show_has_glance_shape_with_extra_properties_at_top_level()
    {
        var project = ImageStoreFixture.NewProject();
        using var client = fixture.ClientFor(project);
        var id = Guid.NewGuid();

        var (status, created) = await client.CreateAsync(
            $$"""{"id":"{{id}}","name":"shape","container_format":"ovf","disk_format":"vhd","min_ram":128,"tags":["x"],"image_type":"snapshot"}""");

        Assert.Equal(HttpStatusCode.Created, status);
        var (_, image) = await client.ShowAsync(id);
        string[] expected =
        [
            "id", "name", "status", "visibility", "protected", "os_hidden", "checksum", "os_hash_algo", "os_hash_value", "size",
            "virtual_size", "min_ram", "min_disk", "owner", "container_format", "disk_format", "created_at", "updated_at", "tags",
            "self", "file", "schema", "image_type",
        ];
        Assert.NotNull(image);
        Assert.Equal(expected.Order(), image.Select(p => p.Key).Order());
        Assert.Equal(id.ToString(), (string?)image["id"]);
        Assert.Equal(("queued", "shared", project), ((string?)image["status"], (string?)image["visibility"], (string?)image["owner"]));
        Assert.Equal("snapshot", (string?)image["image_type"]);
        Assert.Equal($"/v2/images/{id}/file", (string?)image["file"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", (string?)image["created_at"]);
        Assert.Equal(created!.ToJsonString(), image.ToJsonString());

        var (dup, _) = await client.CreateAsync($$"""{"id":"{{id}}"}""");
        Assert.Equal(HttpStatusCode.Conflict, dup);
    }

    [Theory]
    [InlineData("""{"container_format":"tarball"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"disk_format":"floppy"}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"name":5}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"prop":{"nested":true}}""", HttpStatusCode.BadRequest)]
    [InlineData("""{"name":""", HttpStatusCode.BadRequest)]
    [InlineData("""{"status":"active"}""", HttpStatusCode.Forbidden)]
    [InlineData("""{"os_glance_x":"1"}""", HttpStatusCode.Forbidden)]
    [InlineData("""{"visibility":"public"}""", HttpStatusCode.Forbidden)]
    public async Task Bad_create_bodies_get_the_right_4xx_and_create_nothing(string body, HttpStatusCode expected)
    {
        var project = ImageStoreFixture.NewProject();
        using var client = fixture.ClientFor(project);

        var (status, error) = await client.CreateAsync(body);

        Assert.Equal(expected, status);
        Assert.NotNull(error!.First().Value!["message"]);
        var (_, list) = await client.GetJsonAsync($"v2/images?owner={project}");
        Assert.Empty(list!["images"]!.AsArray());
    }

    [Fact]
    public async Task Patch_works_in_both_media_types()
    {
        using var client = fixture.ClientFor(ImageStoreFixture.NewProject());
        var id = await client.CreateImageAsync("patch-me");

        var (s1, v21) = await client.PatchAsync(id, V21,
            """[{"op":"replace","path":"/name","value":"n21"},{"op":"add","path":"/color","value":"blue"},{"op":"add","path":"/tags","value":["a"]}]""");
        Assert.Equal(HttpStatusCode.OK, s1);
        Assert.Equal(("n21", "blue"), ((string?)v21!["name"], (string?)v21["color"]));

        var (s2, v20) = await client.PatchAsync(id, V20, """[{"replace":"/name","value":"n20"},{"remove":"/color"}]""");
        Assert.Equal(HttpStatusCode.OK, s2);
        Assert.Equal("n20", (string?)v20!["name"]);
        Assert.False(v20.ContainsKey("color"));

        var (_, shown) = await client.ShowAsync(id);
        Assert.Equal("n20", (string?)shown!["name"]);
        Assert.Equal(["a"], shown["tags"]!.AsArray().Select(t => (string?)t));
    }

    [Theory]
    [InlineData(V21, """[{"op":"replace","path":"/status","value":"active"}]""", HttpStatusCode.Forbidden)]
    [InlineData(V21, """[{"op":"replace","path":"/size","value":1}]""", HttpStatusCode.Forbidden)]
    [InlineData(V20, """[{"replace":"/checksum","value":"x"}]""", HttpStatusCode.Forbidden)]
    [InlineData(V21, """[{"op":"add","path":"/os_glance_foo","value":"x"}]""", HttpStatusCode.Forbidden)]
    [InlineData(V21, """[{"op":"remove","path":"/name"}]""", HttpStatusCode.Forbidden)]
    [InlineData(V21, """[{"op":"replace","path":"/nope","value":"x"}]""", HttpStatusCode.Conflict)]
    [InlineData(V21, """[{"op":"replace","path":"/min_ram","value":"lots"}]""", HttpStatusCode.BadRequest)]
    [InlineData("application/json", """[{"op":"replace","path":"/name","value":"x"}]""", HttpStatusCode.UnsupportedMediaType)]
    public async Task Bad_patches_get_the_right_4xx_and_change_nothing(string mediaType, string body, HttpStatusCode expected)
    {
        using var client = fixture.ClientFor(ImageStoreFixture.NewProject());
        var id = await client.CreateImageAsync("unchanged");
        var (_, before) = await client.ShowAsync(id);

        var (status, _) = await client.PatchAsync(id, mediaType, body);

        Assert.Equal(expected, status);
        var (_, after) = await client.ShowAsync(id);
        Assert.Equal(before!.ToJsonString(), after!.ToJsonString());
    }

    [Fact]
    public async Task Another_projects_private_image_is_404_for_every_verb()
    {
        using var owner = fixture.ClientFor(ImageStoreFixture.NewProject());
        using var other = fixture.ClientFor(ImageStoreFixture.NewProject());
        var id = await owner.CreateImageAsync("secret", ""","visibility":"private" """);

        Assert.Equal(HttpStatusCode.NotFound, (await other.ShowAsync(id)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PatchAsync(id, V21, """[{"op":"replace","path":"/name","value":"x"}]""")).Status);
        Assert.Equal(HttpStatusCode.NotFound, await other.SendAsync(HttpMethod.Delete, $"v2/images/{id}"));
        Assert.Equal(HttpStatusCode.NotFound, await other.UploadSizedAsync(id, [1, 2, 3]));
        Assert.Equal(HttpStatusCode.NotFound, (await other.DownloadAsync(id)).Status);
        Assert.DoesNotContain(id.ToString(), (await other.GetJsonAsync("v2/images?limit=1000")).Body!.ToJsonString());
        Assert.Equal(("queued", "secret"), ((string?)(await owner.ShowAsync(id)).Body!["status"], (string?)(await owner.ShowAsync(id)).Body!["name"]));
    }

    [Fact]
    public async Task Public_and_community_images_are_visible_but_not_writable_by_others()
    {
        using var admin = fixture.ClientFor(ImageStoreFixture.NewProject(), "admin");
        using var other = fixture.ClientFor(ImageStoreFixture.NewProject());
        var pub = await admin.CreateImageAsync("pub", ""","visibility":"public" """);

        Assert.Equal(HttpStatusCode.OK, (await other.ShowAsync(pub)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PatchAsync(pub, V21, """[{"op":"replace","path":"/name","value":"x"}]""")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, await other.SendAsync(HttpMethod.Delete, $"v2/images/{pub}"));
    }

    [Fact]
    public async Task Protected_images_cannot_be_deleted_until_unprotected()
    {
        using var client = fixture.ClientFor(ImageStoreFixture.NewProject());
        var id = await client.CreateImageAsync("protected", ""","protected":true""");

        Assert.Equal(HttpStatusCode.Forbidden, await client.SendAsync(HttpMethod.Delete, $"v2/images/{id}"));
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsync(id, V21, """[{"op":"replace","path":"/protected","value":false}]""")).Status);
        Assert.Equal(HttpStatusCode.NoContent, await client.SendAsync(HttpMethod.Delete, $"v2/images/{id}"));
    }

    [Fact]
    public async Task Tags_can_be_added_and_removed()
    {
        using var client = fixture.ClientFor(ImageStoreFixture.NewProject());
        var id = await client.CreateImageAsync("tagged");

        Assert.Equal(HttpStatusCode.NoContent, await client.SendAsync(HttpMethod.Put, $"v2/images/{id}/tags/blue"));
        Assert.Equal(HttpStatusCode.NoContent, await client.SendAsync(HttpMethod.Put, $"v2/images/{id}/tags/blue"));
        Assert.Equal(["blue"], (await client.ShowAsync(id)).Body!["tags"]!.AsArray().Select(t => (string?)t));
        Assert.Equal(HttpStatusCode.NoContent, await client.SendAsync(HttpMethod.Delete, $"v2/images/{id}/tags/blue"));
        Assert.Equal(HttpStatusCode.NotFound, await client.SendAsync(HttpMethod.Delete, $"v2/images/{id}/tags/blue"));
    }

    [Fact]
    public async Task Names_and_unknown_ids_are_404_and_missing_tokens_401()
    {
        using var client = fixture.ClientFor(ImageStoreFixture.NewProject());
        Assert.Equal(HttpStatusCode.NotFound, (await client.ShowAsync(Guid.NewGuid())).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetJsonAsync("v2/images/cirros")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetJsonAsync("v2/images/")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetJsonAsync("image/v2/images/")).Status);
        Assert.Equal(HttpStatusCode.NotFound, await client.SendAsync(HttpMethod.Delete, "v2/images/"));

        using var anonymous = new ImageApiClient(fixture.BaseUri, "not-a-token");
        var (status, body) = await anonymous.GetJsonAsync("v2/images");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.NotNull(body!["unauthorized"]);
    }

    [Fact]
    public async Task Reader_role_may_read_but_not_create()
    {
        using var reader = fixture.ClientFor(ImageStoreFixture.NewProject(), "reader");
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.CreateAsync("""{"name":"x"}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetJsonAsync("v2/images")).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("image/")]
    public async Task Versions_and_schemas_are_served_at_the_root_and_under_image(string prefix)
    {
        using var client = fixture.ClientFor(ImageStoreFixture.NewProject());
        var (rootStatus, root) = await client.GetJsonAsync(prefix.Length == 0 ? "/" : "/image");
        Assert.Equal(HttpStatusCode.MultipleChoices, rootStatus);
        Assert.Contains(root!["versions"]!.AsArray(), v => (string?)v!["status"] == "CURRENT");

        var (versionsStatus, versions) = await client.GetJsonAsync(prefix + "versions");
        Assert.Equal(HttpStatusCode.OK, versionsStatus);
        Assert.All(versions!["versions"]!.AsArray(), v => Assert.EndsWith($"/{prefix}v2/", (string?)v!["links"]![0]!["href"]));

        var (_, schema) = await client.GetJsonAsync(prefix + "v2/schemas/image");
        Assert.Equal("image", (string?)schema!["name"]);
        Assert.Equal(30, schema["properties"]!.AsObject().Count);
        var (_, list) = await client.GetJsonAsync(prefix + "v2/schemas/images");
        Assert.Equal("images", (string?)list!["name"]);
    }

    internal static JsonArray Images(JsonObject? body) => body!["images"]!.AsArray();
}
