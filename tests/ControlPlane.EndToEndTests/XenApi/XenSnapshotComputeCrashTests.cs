using ControlPlane.EndToEndTests.Images;
using ControlPlane.EndToEndTests.Infrastructure;

namespace ControlPlane.EndToEndTests.XenApi;

/// <summary>
/// <c>kill -9</c> of the XenApi compute while it streams a snapshot into imagestore (XapiSim paces
/// <c>export_raw_vdi</c> so the upload is still running): the image never becomes active, ends killed or deleted,
/// and its partial bytes leave imagestore's data directory; once the compute is started again the server is ACTIVE
/// with no task state. Runs on a host of its own (<see cref="TestXenHost"/>), so no service deploy/up owns is killed.
/// </summary>
[Trait("Category", "E2EXen")]
public sealed class XenSnapshotComputeCrashTests
{
    private static readonly TimeSpan PausePerMiB = TimeSpan.FromSeconds(1);
    private readonly StackEnvironment stack = StackEnvironment.Load();

    [Fact]
    public async Task Killing_the_compute_mid_upload_leaves_no_image_data_and_the_server_recovers()
    {
        await XenStack.RequireAsync(stack);
        var db = new Database(stack);
        await WideFlavor.EnsureAsync(db);
        using var admin = await ComputeClient.LoginAsync(stack, "admin", "admin");
        await db.SetUnlimitedQuotaAsync(admin.ProjectId);
        await using var host = await TestXenHost.StartAsync(stack, "e2e-upcrash");
        // imagestore's data directory under deploy/up: complete images as <id>, uploads in flight as .partial/<id>.<random>.
        var imageData = Path.Combine(stack.RunDirectory, "images");
        string? serverId = null;
        try
        {
            serverId = await OwnHostServers.BootAsync(admin, host, "upcrash-" + host.Name);
            await host.Admin.SlowExportsAsync(PausePerMiB);
            var (image, _) = await OwnHostServers.CreateImageAsync(admin, serverId, "upcrash");

            await Eventually.UntilAsync(async () =>
                PartialFiles(imageData, image).Any(f => f.Length > 0)
                && await db.ScalarAsync<string>("SELECT task_state FROM instances WHERE id = @id", ("id", Guid.Parse(serverId))) == "image_uploading",
                $"image {image}'s upload to be under way", TimeSpan.FromSeconds(90), Poll.Interval);
            Assert.NotEqual("active", await OwnHostServers.ImageStatusAsync(stack, admin, image));

            host.KillCompute();

            // imagestore sees the upload connection drop: the partial bytes go, the image never turns active.
            await Eventually.UntilAsync(() => PartialFiles(imageData, image).Count == 0,
                $"imagestore to remove image {image}'s partial data", TimeSpan.FromSeconds(60), Poll.Interval);
            Assert.False(File.Exists(Path.Combine(imageData, image)), "a complete data file exists for the interrupted image");
            Assert.NotEqual("active", await OwnHostServers.ImageStatusAsync(stack, admin, image));

            await host.Admin.ClearFaultsAsync();
            await host.RestartComputeAsync();
            var server = await SnapshotWait.ServerIdleAsync(admin, serverId, TimeSpan.FromSeconds(120));
            Assert.Equal("ACTIVE", server["status"]!.GetValue<string>());
            // The restarted compute removed the snapshot VDI its killed predecessor left (before its first report).
            await using (var xen = host.Xen.Connect())
            {
                var vdis = (await xen.Session.Vdi.GetAllRecordsAsync()).Values;
                Assert.DoesNotContain(vdis, v => v.IsASnapshot && v.OtherConfig.GetValueOrDefault(XenDisks.VdiInstanceKey) == serverId);
            }
            await Eventually.UntilAsync(() => OwnHostServers.ImageStatusAsync(stack, admin, image),
                s => s is "gone" or "deleted" or "killed", $"image {image} to end killed or deleted", TimeSpan.FromSeconds(60), Poll.Interval);
            Assert.Empty(PartialFiles(imageData, image));
            Assert.False(File.Exists(Path.Combine(imageData, image)));
        }
        finally
        {
            if (serverId is not null)
            {
                await admin.SendAsync(HttpMethod.Delete, "/compute/v2.1/servers/" + serverId);
                await admin.WaitForServerStatusAsync(serverId, TimeSpan.FromSeconds(120), "DELETED");
            }
        }
    }

    private static List<FileInfo> PartialFiles(string imageData, string imageId)
    {
        var partial = new DirectoryInfo(Path.Combine(imageData, ".partial"));
        return partial.Exists ? [.. partial.EnumerateFiles(imageId + ".*")] : [];
    }
}
