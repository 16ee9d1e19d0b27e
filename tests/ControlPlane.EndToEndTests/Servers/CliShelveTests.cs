using System.Text.Json.Nodes;
using ControlPlane.EndToEndTests.Infrastructure;

namespace ControlPlane.EndToEndTests.Servers;

/// <summary>
/// Issue 15 shelve on the default (fake) stack through the stock CLI: <c>server shelve</c> ends SHELVED_OFFLOADED without a
/// host, its image <c>&lt;name&gt;-shelved</c> active; <c>server unshelve</c> ends ACTIVE on a host and the image is gone; a
/// server deleted while SHELVED_OFFLOADED takes its image with it. The instance actions record shelve and unshelve.
/// </summary>
[Trait("Category", "E2E")]
public sealed class CliShelveTests
{
    private static readonly TimeSpan StateDeadline = TimeSpan.FromSeconds(120);
    private readonly StackEnvironment stack = StackEnvironment.Load();

    [Fact]
    public async Task Shelve_offloads_unshelve_boots_again_and_a_shelved_delete_removes_the_image()
    {
        var demo = new OpenStackCli(stack, "controlplane-demo");
        using var api = await ComputeClient.LoginAsync(stack, "demo", "demo");
        using var admin = await ComputeClient.LoginAsync(stack, "admin", "admin");
        var name = "e2eshelve-" + Guid.NewGuid().ToString("N")[..8];
        var created = await demo.JsonAsync("server", "create", "--flavor", "m1.tiny", "--image", ServerRequests.Image, "--wait", name);
        var id = created.GetProperty("id").GetString()!;
        var deleted = false;
        try
        {
            (await demo.RunAsync("server", "shelve", id)).EnsureSuccess("server shelve");
            var shelved = await api.WaitForServerStatusAsync(id, StateDeadline, "SHELVED_OFFLOADED");
            Assert.Equal("shelved_offloaded", shelved["OS-EXT-STS:vm_state"]!.GetValue<string>());
            Assert.Null(shelved["OS-EXT-STS:task_state"]?.GetValue<string>());
            Assert.Null((await AdminViewAsync(admin, id))["OS-EXT-SRV-ATTR:host"]?.GetValue<string>());
            var image = Assert.Single((await demo.JsonAsync("image", "list", "--name", name + "-shelved")).EnumerateArray());
            Assert.Equal("active", image.GetProperty("Status").GetString());

            (await demo.RunAsync("server", "unshelve", id)).EnsureSuccess("server unshelve");
            var active = await api.WaitForServerStatusAsync(id, StateDeadline, "ACTIVE");
            Assert.Equal(1, active["OS-EXT-STS:power_state"]!.GetValue<int>());
            Assert.False(string.IsNullOrEmpty((await AdminViewAsync(admin, id))["OS-EXT-SRV-ATTR:host"]?.GetValue<string>()));
            Assert.Empty((await demo.JsonAsync("image", "list", "--name", name + "-shelved")).EnumerateArray());

            var (_, actions, _) = await api.SendAsync(HttpMethod.Get, $"/compute/v2.1/servers/{id}/os-instance-actions");
            var names = actions!["instanceActions"]!.AsArray().Select(a => a!["action"]!.GetValue<string>()).ToList();
            Assert.Contains("shelve", names);
            Assert.Contains("unshelve", names);

            (await demo.RunAsync("server", "shelve", id)).EnsureSuccess("server shelve again");
            await api.WaitForServerStatusAsync(id, StateDeadline, "SHELVED_OFFLOADED");
            Assert.Single((await demo.JsonAsync("image", "list", "--name", name + "-shelved")).EnumerateArray());
            (await demo.RunAsync("server", "delete", "--wait", id)).EnsureSuccess("server delete while shelved");
            deleted = true;
            Assert.Empty((await demo.JsonAsync("image", "list", "--name", name + "-shelved")).EnumerateArray());
        }
        finally
        {
            if (!deleted)
            {
                await demo.RunAsync("server", "delete", "--wait", id);
            }
        }
    }

    private static async Task<JsonNode> AdminViewAsync(ComputeClient admin, string id)
    {
        var (status, body, _) = await admin.SendAsync(HttpMethod.Get, "/compute/v2.1/servers/" + id);
        Assert.Equal(200, status);
        return body!["server"]!;
    }
}
