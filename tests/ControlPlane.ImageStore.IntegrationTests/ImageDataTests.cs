using System.Net;
using System.Security.Cryptography;
using ControlPlane.ImageStore.IntegrationTests.Infrastructure;

namespace ControlPlane.ImageStore.IntegrationTests;

[Collection(ImageStoreCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ImageDataTests(ImageStoreFixture fixture)
{
    /// <summary>Waits until the image shows <paramref name="status"/>; a failure names the last status seen.</summary>
    private static Task<string?> StatusAsync(ImageApiClient client, Guid id, string status, string what) =>
        Eventually.UntilAsync(async () => (string?)(await client.ShowAsync(id)).Body!["status"], s => s == status, what, TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Chunked_upload_then_download_round_trips_with_checksums()
    {
        using var client = fixture.ClientFor(ImageStoreFixture.NewProject());
        var id = await client.CreateImageAsync("roundtrip");
        var data = RandomNumberGenerator.GetBytes(3_000_000 + 17);

        var (before, _, _, _) = await client.DownloadAsync(id);
        Assert.Equal(HttpStatusCode.NoContent, before);

        Assert.Equal(HttpStatusCode.NoContent, await client.UploadChunkedAsync(id, data));

        var (status, image) = await client.ShowAsync(id);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("active", (string?)image!["status"]);
        Assert.Equal(data.Length, (long?)image["size"]);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(data)), (string?)image["checksum"]);
        Assert.Equal("sha512", (string?)image["os_hash_algo"]);
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData(data)), (string?)image["os_hash_value"]);

        var (got, bytes, md5, length) = await client.DownloadAsync(id);
        Assert.Equal(HttpStatusCode.OK, got);
        Assert.Equal(data, bytes);
        Assert.Equal(data.Length, length);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(data)), md5);
    }

    [Fact]
    public async Task Sized_upload_works_and_a_second_upload_to_an_active_image_is_409()
    {
        using var client = fixture.ClientFor(ImageStoreFixture.NewProject());
        var id = await client.CreateImageAsync("sized");
        var data = RandomNumberGenerator.GetBytes(100_000);

        Assert.Equal(HttpStatusCode.NoContent, await client.UploadSizedAsync(id, data));
        Assert.Equal(HttpStatusCode.Conflict, await client.UploadSizedAsync(id, RandomNumberGenerator.GetBytes(10)));

        var (_, bytes, _, _) = await client.DownloadAsync(id);
        Assert.Equal(data, bytes);
    }

    [Fact]
    public async Task Empty_upload_makes_an_active_zero_byte_image()
    {
        using var client = fixture.ClientFor(ImageStoreFixture.NewProject());
        var id = await client.CreateImageAsync("empty");

        Assert.Equal(HttpStatusCode.NoContent, await client.UploadChunkedAsync(id, []));

        var (_, image) = await client.ShowAsync(id);
        Assert.Equal(("active", 0L), ((string?)image!["status"], (long?)image["size"]));
        Assert.Equal("d41d8cd98f00b204e9800998ecf8427e", (string?)image["checksum"]);
    }

    [Fact]
    public async Task Client_dropping_mid_upload_kills_the_image_and_leaves_no_bytes()
    {
        using var client = fixture.ClientFor(ImageStoreFixture.NewProject());
        var id = await client.CreateImageAsync("aborted");

        await client.AbortedUploadAsync(id, bytesBeforeAbort: 2 << 20, beforeAbort: () =>
            StatusAsync(client, id, "saving", "the upload to start"));

        await StatusAsync(client, id, "killed", "the aborted upload to kill the image");
        var (_, image) = await client.ShowAsync(id);
        Assert.Null(image!["checksum"]);
        Assert.Null(image["size"]);
        Assert.Empty(fixture.FilesOf(id));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DownloadAsync(id)).Status);
    }

    [Fact]
    public async Task Declared_length_over_the_cap_is_413_before_reading_and_nothing_changes()
    {
        using var client = fixture.ClientFor(ImageStoreFixture.NewProject());
        var id = await client.CreateImageAsync("too-big-sized");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await client.UploadSizedAsync(id, new byte[ImageStoreFixture.SizeCap + 1]));

        var (_, image) = await client.ShowAsync(id);
        Assert.Equal("queued", (string?)image!["status"]);
        Assert.Empty(fixture.FilesOf(id));
    }

    [Fact]
    public async Task Chunked_body_growing_over_the_cap_is_413_the_image_killed_and_no_bytes_kept()
    {
        using var client = fixture.ClientFor(ImageStoreFixture.NewProject());
        var id = await client.CreateImageAsync("too-big-chunked");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await client.UploadChunkedAsync(id, new byte[ImageStoreFixture.SizeCap + 4096]));

        var (_, image) = await client.ShowAsync(id);
        Assert.Equal("killed", (string?)image!["status"]);
        Assert.Null(image["size"]);
        Assert.Empty(fixture.FilesOf(id));
    }

    [Fact]
    public async Task Project_storage_quota_is_enforced()
    {
        using var client = fixture.ClientFor(ImageStoreFixture.NewProject());
        for (var i = 0; i < 3; i++)
        {
            var id = await client.CreateImageAsync("quota-" + i);
            Assert.Equal(HttpStatusCode.NoContent, await client.UploadSizedAsync(id, new byte[12 << 20]));
        }

        var over = await client.CreateImageAsync("quota-over");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, await client.UploadSizedAsync(over, new byte[8 << 20]));
        Assert.Empty(fixture.FilesOf(over));
    }

    [Fact]
    public async Task Deleting_an_image_removes_its_bytes()
    {
        using var client = fixture.ClientFor(ImageStoreFixture.NewProject());
        var id = await client.CreateImageAsync("delete-me");
        Assert.Equal(HttpStatusCode.NoContent, await client.UploadChunkedAsync(id, RandomNumberGenerator.GetBytes(5000)));
        Assert.Single(fixture.FilesOf(id));

        Assert.Equal(HttpStatusCode.NoContent, await client.SendAsync(HttpMethod.Delete, $"v2/images/{id}"));

        Assert.Empty(fixture.FilesOf(id));
        Assert.Equal(HttpStatusCode.NotFound, (await client.ShowAsync(id)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.DownloadAsync(id)).Status);
        Assert.Equal(HttpStatusCode.NotFound, await client.SendAsync(HttpMethod.Delete, $"v2/images/{id}"));
    }

    [Fact]
    public async Task Deactivated_data_is_forbidden_to_members_and_served_to_admin()
    {
        var project = ImageStoreFixture.NewProject();
        using var owner = fixture.ClientFor(project);
        using var admin = fixture.ClientFor(ImageStoreFixture.NewProject(), "admin");
        var id = await owner.CreateImageAsync("deactivate");
        var data = RandomNumberGenerator.GetBytes(1000);
        Assert.Equal(HttpStatusCode.NoContent, await owner.UploadSizedAsync(id, data));

        Assert.Equal(HttpStatusCode.NoContent, await owner.SendAsync(HttpMethod.Post, $"v2/images/{id}/actions/deactivate"));
        Assert.Equal("deactivated", (string?)(await owner.ShowAsync(id)).Body!["status"]);
        Assert.Equal(HttpStatusCode.Forbidden, (await owner.DownloadAsync(id)).Status);
        Assert.Equal(data, (await admin.DownloadAsync(id)).Data);

        Assert.Equal(HttpStatusCode.NoContent, await owner.SendAsync(HttpMethod.Post, $"v2/images/{id}/actions/reactivate"));
        Assert.Equal(data, (await owner.DownloadAsync(id)).Data);
    }
}
