using System.Net;
using ControlPlane.ImageStore.Data;
using ControlPlane.ImageStore.IntegrationTests.Infrastructure;
using ControlPlane.ImageStore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ControlPlane.ImageStore.IntegrationTests;

[Collection(ImageStoreCollection.Name)]
[Trait("Category", "Integration")]
public sealed class InterruptedUploadTests(ImageStoreFixture fixture)
{
    [Fact]
    public async Task A_restart_kills_uploads_it_interrupted_and_removes_their_bytes_but_not_other_stores_uploads()
    {
        using var client = fixture.ClientFor(ImageStoreFixture.NewProject());
        var mine = await client.CreateImageAsync("crashed-upload");
        var others = await client.CreateImageAsync("other-store-upload");
        var store = fixture.Services.GetRequiredService<IImageStore>();
        await SetSavingAsync(mine, store.Identity);
        await SetSavingAsync(others, "file:///some/other/instance");
        var partial = Path.Combine(fixture.DataDirectory, ".partial", $"{mine:D}.{Guid.NewGuid():N}");
        await File.WriteAllBytesAsync(partial, new byte[4096]);

        var reaper = fixture.Services.GetServices<IHostedService>().OfType<InterruptedUploadReaper>().Single();
        await reaper.StartAsync(CancellationToken.None);

        Assert.Equal("killed", (string?)(await client.ShowAsync(mine)).Body!["status"]);
        Assert.Equal("saving", (string?)(await client.ShowAsync(others)).Body!["status"]);
        Assert.False(File.Exists(partial));
        Assert.Equal(HttpStatusCode.NoContent, (await client.DownloadAsync(mine)).Status);
    }

    private async Task SetSavingAsync(Guid id, string store)
    {
        await using var dataSource = Npgsql.NpgsqlDataSource.Create(fixture.ConnectionString);
        await using var cmd = dataSource.CreateCommand("UPDATE images SET status = 'saving', upload_store = @store WHERE id = @id");
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("store", store);
        Assert.Equal(1, await cmd.ExecuteNonQueryAsync());
    }
}
