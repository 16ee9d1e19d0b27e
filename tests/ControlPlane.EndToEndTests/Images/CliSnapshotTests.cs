using System.Formats.Tar;
using System.Security.Cryptography;
using ControlPlane.EndToEndTests.Infrastructure;

namespace ControlPlane.EndToEndTests.Images;

/// <summary>Snapshot to image through the stock <c>openstack</c> CLI, then boot from it.</summary>
[Trait("Category", "E2E")]
public sealed class CliSnapshotTests
{
    private const string BaseImage = "11111111-1111-1111-1111-111111111111";
    private readonly StackEnvironment stack = StackEnvironment.Load();

    [Fact]
    public async Task Server_image_create_wait_gives_an_active_image_whose_bytes_match_and_that_boots()
    {
        var cli = new OpenStackCli(stack, "controlplane-demo");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var server = await cli.JsonAsync("server", "create", "--flavor", "m1.tiny", "--image", BaseImage, "--wait", "snapsrc-" + suffix);
        var serverId = server.GetProperty("id").GetString()!;
        var download = Path.Combine(Path.GetTempPath(), "snap-" + suffix + ".img");
        string? bootedId = null;
        try
        {
            var created = await cli.JsonAsync("server", "image", "create", "--wait", "--name", "snap-" + suffix, serverId);
            var imageId = created.GetProperty("id").GetString()!;

            var image = await cli.JsonAsync("image", "show", imageId);
            Assert.Equal("active", image.GetProperty("status").GetString());
            Assert.Equal("snap-" + suffix, image.GetProperty("name").GetString());
            Assert.Equal("vhd", image.GetProperty("disk_format").GetString());
            Assert.Equal("ovf", image.GetProperty("container_format").GetString());
            var properties = image.GetProperty("properties");
            Assert.Equal("snapshot", properties.GetProperty("image_type").GetString());
            Assert.Equal(serverId, properties.GetProperty("instance_uuid").GetString());
            Assert.Equal(BaseImage, properties.GetProperty("base_image_ref").GetString());

            (await cli.RunAsync("image", "save", "--file", download, imageId)).EnsureSuccess("image save");
            var bytes = await File.ReadAllBytesAsync(download);
            Assert.Equal(image.GetProperty("size").GetInt64(), bytes.LongLength);
            Assert.Equal(image.GetProperty("checksum").GetString(), Convert.ToHexStringLower(MD5.HashData(bytes)));
            var entries = new List<string>();
            using (var tar = new TarReader(new MemoryStream(bytes)))
            {
                while (tar.GetNextEntry() is { } entry)
                {
                    entries.Add(entry.Name);
                }
            }
            Assert.Equal(["0.vhd"], entries);

            var shown = await cli.JsonAsync("server", "show", serverId);
            Assert.Equal("ACTIVE", shown.GetProperty("status").GetString());

            var booted = await cli.JsonAsync("server", "create", "--flavor", "m1.tiny", "--image", imageId, "--wait", "snapboot-" + suffix);
            bootedId = booted.GetProperty("id").GetString();
            Assert.Equal("ACTIVE", booted.GetProperty("status").GetString());

            (await cli.RunAsync("server", "delete", "--wait", bootedId!)).EnsureSuccess("server delete (booted)");
            bootedId = null;
            (await cli.RunAsync("image", "delete", imageId)).EnsureSuccess("image delete");
            Assert.NotEqual(0, (await cli.RunAsync("image", "show", imageId)).ExitCode);
        }
        finally
        {
            File.Delete(download);
            if (bootedId is not null)
            {
                await cli.RunAsync("server", "delete", "--wait", bootedId);
            }
            await cli.RunAsync("server", "delete", "--wait", serverId);
        }
    }
}
