using System.Diagnostics;
using ControlPlane.EndToEndTests.Images;
using ControlPlane.EndToEndTests.Infrastructure;
using Xunit.Abstractions;

namespace ControlPlane.EndToEndTests.XenApi;

/// <summary>
/// Snapshot to image on the XenApi stack through the stock CLI, of the same server while ACTIVE and then SHUTOFF:
/// each gives an active image whose size, MD5 and SHA-512 match the bytes <c>image save</c> returns, a tar of the
/// VHD chain leaf first (<c>0.vhd</c>..<c>n-1.vhd</c>), and boots a server whose root disk reads exactly as the
/// source's did at snapshot time (SHA-256 of <c>export_raw_vdi?format=raw</c> of both root VDIs).
/// </summary>
[Trait("Category", "E2EXen")]
public sealed class XenSnapshotTests(ITestOutputHelper output)
{
    private readonly StackEnvironment stack = StackEnvironment.Load();
    private readonly Stopwatch clock = Stopwatch.StartNew();

    /// <summary>Writes how long the step that just ended took (in the test's output), to see where the time goes.</summary>
    private void Step(string what)
    {
        output.WriteLine($"{clock.Elapsed.TotalSeconds,6:F1} s  {what}");
        clock.Restart();
    }

    [Fact]
    public async Task Snapshots_of_an_active_then_shutoff_server_are_images_that_boot_identical_disks()
    {
        var hosts = await XenStack.RequireAsync(stack);
        var connections = hosts.Select(h => h.Connect()).ToList();
        var cli = new OpenStackCli(stack, "controlplane-demo");
        using var demo = await ComputeClient.LoginAsync(stack, "demo", "demo");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var servers = new List<string>();
        var images = new List<string>();
        try
        {
            var vm1 = await CreateServerAsync(cli, ServerRequests.Image, "xensrc-" + suffix);
            servers.Add(vm1);
            Step("server create --wait");
            var source = await FindVmAsync(connections, vm1);
            var (sourceRoot, sourceRecord) = await XenDisks.RootVdiAsync(source.Connection.Session, source.Ref);
            // XapiSim runs no guest, so nothing writes to the source disk: this is its content at each snapshot.
            var sourceHash = await XenDisks.RawSha256Async(source.Connection.Session, sourceRoot);
            Step("source VM, root VDI, SHA-256 of its raw export");

            images.Add(await SnapshotAndCheckAsync(cli, vm1, "xensnap-active-" + suffix));
            Step("snapshot of the ACTIVE server, image show, image save, checks");
            Assert.Equal("ACTIVE", (await SnapshotWait.ServerIdleAsync(demo, vm1, TimeSpan.FromSeconds(60)))["status"]!.GetValue<string>());

            (await cli.RunAsync("server", "stop", vm1)).EnsureSuccess("server stop");
            await demo.WaitForServerStatusAsync(vm1, TimeSpan.FromSeconds(120), "SHUTOFF");
            await SnapshotWait.ServerIdleAsync(demo, vm1, TimeSpan.FromSeconds(60));
            Step("server stop");
            images.Add(await SnapshotAndCheckAsync(cli, vm1, "xensnap-shutoff-" + suffix));
            Assert.Equal("SHUTOFF", (await SnapshotWait.ServerIdleAsync(demo, vm1, TimeSpan.FromSeconds(60)))["status"]!.GetValue<string>());
            Step("snapshot of the SHUTOFF server, image show, image save, checks");

            // One server from each image, booted side by side.
            var booted = await Task.WhenAll(images.Select((image, i) => CreateServerAsync(cli, image, $"xenboot{i}-{suffix}")));
            servers.AddRange(booted);
            Step("two servers from the images (server create --wait, side by side)");
            foreach (var id in booted)
            {
                var vm = await FindVmAsync(connections, id);
                var (root, record) = await XenDisks.RootVdiAsync(vm.Connection.Session, vm.Ref);
                Assert.Equal(sourceRecord.VirtualSize, record.VirtualSize);
                Assert.Equal(sourceHash, await XenDisks.RawSha256Async(vm.Connection.Session, root));
            }
            Step("SHA-256 of both booted root disks");
        }
        finally
        {
            // Clean-up through the API (the CLI's --wait polls every few seconds; deletes are not what this test checks).
            foreach (var id in servers)
            {
                await demo.SendAsync(HttpMethod.Delete, "/compute/v2.1/servers/" + id);
            }
            foreach (var id in images)
            {
                await demo.SendAsync(HttpMethod.Delete, "/compute/v2.1/images/" + id);
            }
            foreach (var id in servers)
            {
                await demo.WaitForServerStatusAsync(id, TimeSpan.FromSeconds(120), "DELETED");
            }
            Step("clean-up (servers and images deleted)");
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private static async Task<string> CreateServerAsync(OpenStackCli cli, string image, string name)
    {
        var server = await cli.JsonAsync("server", "create", "--flavor", "m1.tiny", "--image", image, "--wait", name);
        Assert.Equal("ACTIVE", server.GetProperty("status").GetString());
        return server.GetProperty("id").GetString()!;
    }

    private static async Task<XenVm> FindVmAsync(IEnumerable<XenConnection> connections, string serverId) =>
        await XenDisks.FindVmAsync(connections, Guid.Parse(serverId))
            ?? throw new Xunit.Sdk.XunitException($"No VM with other_config nova_uuid={serverId} on the XapiSim hosts of .run/xapisim.json.");

    /// <summary><c>server image create --wait</c>, then the image's record against the bytes <c>image save</c> returns.</summary>
    private static async Task<string> SnapshotAndCheckAsync(OpenStackCli cli, string serverId, string name)
    {
        var imageId = (await cli.JsonAsync("server", "image", "create", "--wait", "--name", name, serverId)).GetProperty("id").GetString()!;
        var download = Path.Combine(Path.GetTempPath(), name + ".img");
        try
        {
            var image = await cli.JsonAsync("image", "show", imageId);
            Assert.Equal("active", image.GetProperty("status").GetString());
            // The CLI lists the os_hash_* attributes under "properties".
            var properties = image.GetProperty("properties");
            Assert.Equal("sha512", properties.GetProperty("os_hash_algo").GetString());

            (await cli.RunAsync("image", "save", "--file", download, imageId)).EnsureSuccess("image save");
            var saved = await ImageFile.ReadAsync(download);
            Assert.Equal(image.GetProperty("size").GetInt64(), saved.Size);
            Assert.Equal(image.GetProperty("checksum").GetString(), saved.Md5);
            Assert.Equal(properties.GetProperty("os_hash_value").GetString(), saved.Sha512);
            Assert.NotEmpty(saved.Members);
            Assert.Equal(Enumerable.Range(0, saved.Members.Count).Select(i => $"{i}.vhd"), saved.Members);
            return imageId;
        }
        finally
        {
            File.Delete(download);
        }
    }
}
