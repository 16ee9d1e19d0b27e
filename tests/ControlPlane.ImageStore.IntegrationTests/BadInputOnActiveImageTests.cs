using System.Net;
using System.Security.Cryptography;
using ControlPlane.ImageStore.IntegrationTests.Infrastructure;

namespace ControlPlane.ImageStore.IntegrationTests;

/// <summary>
/// Issue 4's "bad input" bullet on images that already hold data: read-only properties, a second
/// upload, another project's upload. Each gets its 4xx and leaves the image (metadata and bytes)
/// exactly as it was.
/// </summary>
[Collection(ImageStoreCollection.Name)]
[Trait("Category", "Integration")]
public sealed class BadInputOnActiveImageTests(ImageStoreFixture fixture)
{
    private const string V21 = "application/openstack-images-v2.1-json-patch";
    private const string V20 = "application/openstack-images-v2.0-json-patch";

    [Theory]
    [InlineData(V21, """[{"op":"replace","path":"/status","value":"queued"}]""", HttpStatusCode.Forbidden)]
    [InlineData(V21, """[{"op":"replace","path":"/checksum","value":"00000000000000000000000000000000"}]""", HttpStatusCode.Forbidden)]
    [InlineData(V21, """[{"op":"replace","path":"/os_hash_value","value":"x"}]""", HttpStatusCode.Forbidden)]
    [InlineData(V21, """[{"op":"replace","path":"/os_hash_algo","value":"md5"}]""", HttpStatusCode.Forbidden)]
    [InlineData(V21, """[{"op":"replace","path":"/size","value":1}]""", HttpStatusCode.Forbidden)]
    [InlineData(V21, """[{"op":"add","path":"/virtual_size","value":1}]""", HttpStatusCode.Forbidden)]
    [InlineData(V21, """[{"op":"replace","path":"/id","value":"11111111-2222-3333-4444-555555555555"}]""", HttpStatusCode.Forbidden)]
    [InlineData(V21, """[{"op":"replace","path":"/created_at","value":"2000-01-01T00:00:00Z"}]""", HttpStatusCode.Forbidden)]
    [InlineData(V21, """[{"op":"replace","path":"/updated_at","value":"2000-01-01T00:00:00Z"}]""", HttpStatusCode.Forbidden)]
    [InlineData(V21, """[{"op":"replace","path":"/file","value":"/elsewhere"}]""", HttpStatusCode.Forbidden)]
    [InlineData(V21, """[{"op":"add","path":"/locations/-","value":{"url":"file:///etc/passwd","metadata":{}}}]""", HttpStatusCode.Forbidden)]
    [InlineData(V20, """[{"replace":"/os_hash_value","value":"x"}]""", HttpStatusCode.Forbidden)]
    [InlineData(V21, """[{"op":"replace","path":"/name","value":"renamed"},{"op":"replace","path":"/size","value":1}]""", HttpStatusCode.Forbidden)]
    public async Task Read_only_patches_of_an_active_image_are_403_and_change_nothing(string mediaType, string body, HttpStatusCode expected)
    {
        using var client = fixture.ClientFor(ImageStoreFixture.NewProject());
        var (id, data) = await ActiveImageAsync(client, "read-only");
        var (_, before) = await client.ShowAsync(id);

        var (status, error) = await client.PatchAsync(id, mediaType, body);

        Assert.Equal(expected, status);
        Assert.NotNull(error);
        var (_, after) = await client.ShowAsync(id);
        Assert.Equal(before!.ToJsonString(), after!.ToJsonString());
        Assert.Equal(data, (await client.DownloadAsync(id)).Data);
    }

    [Fact]
    public async Task A_chunked_upload_to_an_active_image_is_409_and_keeps_the_first_bytes()
    {
        using var client = fixture.ClientFor(ImageStoreFixture.NewProject());
        var (id, data) = await ActiveImageAsync(client, "second-upload");
        var (_, before) = await client.ShowAsync(id);

        Assert.Equal(HttpStatusCode.Conflict, await client.UploadChunkedAsync(id, RandomNumberGenerator.GetBytes(70_000)));

        var (_, after) = await client.ShowAsync(id);
        Assert.Equal(before!.ToJsonString(), after!.ToJsonString());
        Assert.Single(fixture.FilesOf(id));
        var (_, bytes, md5, _) = await client.DownloadAsync(id);
        Assert.Equal(data, bytes);
        Assert.Equal((string?)before["checksum"], md5);
    }

    [Theory]
    [InlineData("killed")]
    [InlineData("deactivated")]
    public async Task Uploads_to_killed_or_deactivated_images_are_409_and_change_nothing(string state)
    {
        using var client = fixture.ClientFor(ImageStoreFixture.NewProject());
        Guid id;
        if (state == "killed")
        {
            id = await client.CreateImageAsync("killed");
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await client.UploadChunkedAsync(id, new byte[ImageStoreFixture.SizeCap + 1]));
        }
        else
        {
            (id, _) = await ActiveImageAsync(client, "deactivated");
            Assert.Equal(HttpStatusCode.NoContent, await client.SendAsync(HttpMethod.Post, $"v2/images/{id}/actions/deactivate"));
        }
        var (_, before) = await client.ShowAsync(id);
        Assert.Equal(state, (string?)before!["status"]);
        var filesBefore = fixture.FilesOf(id).Count;

        Assert.Equal(HttpStatusCode.Conflict, await client.UploadSizedAsync(id, RandomNumberGenerator.GetBytes(1000)));

        var (_, after) = await client.ShowAsync(id);
        Assert.Equal(before.ToJsonString(), after!.ToJsonString());
        Assert.Equal(filesBefore, fixture.FilesOf(id).Count);
    }

    [Fact]
    public async Task Another_project_may_not_upload_to_a_public_queued_image_nor_overwrite_an_active_one()
    {
        using var admin = fixture.ClientFor(ImageStoreFixture.NewProject(), "admin");
        using var other = fixture.ClientFor(ImageStoreFixture.NewProject());
        var queued = await admin.CreateImageAsync("pub-queued", ""","visibility":"public" """);
        var (active, data) = await ActiveImageAsync(admin, "pub-active", ""","visibility":"public" """);
        var (_, queuedBefore) = await admin.ShowAsync(queued);
        var (_, activeBefore) = await admin.ShowAsync(active);

        Assert.Equal(HttpStatusCode.Forbidden, await other.UploadChunkedAsync(queued, RandomNumberGenerator.GetBytes(5000)));
        Assert.Equal(HttpStatusCode.Forbidden, await other.UploadSizedAsync(active, RandomNumberGenerator.GetBytes(5000)));

        Assert.Equal(queuedBefore!.ToJsonString(), (await admin.ShowAsync(queued)).Body!.ToJsonString());
        Assert.Equal(activeBefore!.ToJsonString(), (await admin.ShowAsync(active)).Body!.ToJsonString());
        Assert.Empty(fixture.FilesOf(queued));
        Assert.Equal(data, (await other.DownloadAsync(active)).Data);
    }

    [Fact]
    public async Task Another_projects_shared_image_is_404_for_data_in_both_directions()
    {
        using var owner = fixture.ClientFor(ImageStoreFixture.NewProject());
        using var other = fixture.ClientFor(ImageStoreFixture.NewProject());
        var (id, data) = await ActiveImageAsync(owner, "shared-not-member", ""","visibility":"shared" """);
        var (_, before) = await owner.ShowAsync(id);

        Assert.Equal(HttpStatusCode.NotFound, await other.UploadChunkedAsync(id, RandomNumberGenerator.GetBytes(100)));
        Assert.Equal(HttpStatusCode.NotFound, (await other.DownloadAsync(id)).Status);

        Assert.Equal(before!.ToJsonString(), (await owner.ShowAsync(id)).Body!.ToJsonString());
        Assert.Equal(data, (await owner.DownloadAsync(id)).Data);
    }

    private static async Task<(Guid Id, byte[] Data)> ActiveImageAsync(ImageApiClient client, string name, string extraJson = "")
    {
        var id = await client.CreateImageAsync(name, extraJson);
        var data = RandomNumberGenerator.GetBytes(50_000 + 13);
        Assert.Equal(HttpStatusCode.NoContent, await client.UploadSizedAsync(id, data));
        return (id, data);
    }
}
