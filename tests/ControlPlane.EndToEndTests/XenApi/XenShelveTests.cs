using ControlPlane.EndToEndTests.Infrastructure;

namespace ControlPlane.EndToEndTests.XenApi;

/// <summary>
/// Issue 15 shelve on the XenApi stack through the stock CLI: <c>server shelve</c> ends SHELVED_OFFLOADED with no VM and no
/// VDI of the server left on any XapiSim host; <c>server unshelve</c> ends ACTIVE with a root disk that reads exactly as it
/// did before shelving (SHA-256 of <c>export_raw_vdi?format=raw</c>), and the shelved image is gone.
/// </summary>
[Trait("Category", "E2EXen")]
public sealed class XenShelveTests
{
    private static readonly TimeSpan StateDeadline = TimeSpan.FromSeconds(180);
    private readonly StackEnvironment stack = StackEnvironment.Load();

    [Fact]
    public async Task Shelve_leaves_nothing_on_the_hosts_and_unshelve_boots_the_same_root_disk()
    {
        var hosts = await XenStack.RequireAsync(stack);
        var connections = hosts.Select(h => h.Connect()).ToList();
        var demo = new OpenStackCli(stack, "controlplane-demo");
        using var api = await ComputeClient.LoginAsync(stack, "demo", "demo");
        var name = "xenshelve-" + Guid.NewGuid().ToString("N")[..8];
        var created = await demo.JsonAsync("server", "create", "--flavor", "m1.tiny", "--image", ServerRequests.Image, "--wait", name);
        var id = created.GetProperty("id").GetString()!;
        try
        {
            var before = await XenDisks.FindVmAsync(connections, Guid.Parse(id))
                ?? throw new Xunit.Sdk.XunitException($"No VM with other_config nova_uuid={id} on any XapiSim host.");
            var (root, rootRecord) = await XenDisks.RootVdiAsync(before.Connection.Session, before.Ref);
            // XapiSim runs no guest, so nothing writes to the disk: this is its content when shelved.
            var hash = await XenDisks.RawSha256Async(before.Connection.Session, root);

            (await demo.RunAsync("server", "shelve", id)).EnsureSuccess("server shelve");
            await api.WaitForServerStatusAsync(id, StateDeadline, "SHELVED_OFFLOADED");
            Assert.Null(await XenDisks.FindVmAsync(connections, Guid.Parse(id)));
            foreach (var connection in connections)
            {
                var vdis = await connection.Session.Vdi.GetAllRecordsAsync();
                Assert.DoesNotContain(vdis.Values, v => v.OtherConfig.GetValueOrDefault(XenDisks.VdiInstanceKey) == id);
            }
            Assert.Single((await demo.JsonAsync("image", "list", "--name", name + "-shelved")).EnumerateArray());

            (await demo.RunAsync("server", "unshelve", id)).EnsureSuccess("server unshelve");
            await api.WaitForServerStatusAsync(id, StateDeadline, "ACTIVE");
            var after = await XenDisks.FindVmAsync(connections, Guid.Parse(id))
                ?? throw new Xunit.Sdk.XunitException($"No VM for {id} after the unshelve.");
            var (newRoot, newRecord) = await XenDisks.RootVdiAsync(after.Connection.Session, after.Ref);
            Assert.Equal(rootRecord.VirtualSize, newRecord.VirtualSize);
            Assert.Equal(hash, await XenDisks.RawSha256Async(after.Connection.Session, newRoot));
            Assert.Empty((await demo.JsonAsync("image", "list", "--name", name + "-shelved")).EnumerateArray());
        }
        finally
        {
            await demo.RunAsync("server", "delete", "--wait", id);
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }
    }
}
