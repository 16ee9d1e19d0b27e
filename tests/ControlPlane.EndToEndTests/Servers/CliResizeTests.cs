using System.Text.Json;
using ControlPlane.EndToEndTests.Infrastructure;

namespace ControlPlane.EndToEndTests.Servers;

/// <summary>Resize with the stock <c>openstack</c> CLI on the fake stack (ten computes): resize to m1.small reaches
/// VERIFY_RESIZE on another host; confirm leaves it ACTIVE there with the new flavor; revert brings it back ACTIVE on
/// its first host with m1.tiny. The admin sees the host and the migration records.</summary>
[Trait("Category", "E2E")]
public sealed class CliResizeTests
{
    private const string Image = "11111111-1111-1111-1111-111111111111";
    private readonly StackEnvironment stack = StackEnvironment.Load();

    [Fact]
    public async Task Resize_then_confirm_keeps_the_new_flavor_on_the_new_host()
    {
        var (cli, admin, id, source) = await BootAsync();

        (await cli.RunAsync("server", "resize", "--flavor", "m1.small", "--wait", id)).EnsureSuccess("server resize");
        var resized = await admin.JsonAsync("server", "show", id);
        Assert.Equal("VERIFY_RESIZE", resized.GetProperty("status").GetString());
        Assert.Equal("m1.small", resized.GetProperty("flavor").GetString()!.Split(' ')[0]);
        var destination = resized.GetProperty("OS-EXT-SRV-ATTR:host").GetString();
        Assert.NotEqual(source, destination);

        (await cli.RunAsync("server", "resize", "confirm", id)).EnsureSuccess("server resize confirm");
        var confirmed = await WaitStatusAsync(admin, id, "ACTIVE");
        Assert.Equal("m1.small", confirmed.GetProperty("flavor").GetString()!.Split(' ')[0]);
        Assert.Equal(destination, confirmed.GetProperty("OS-EXT-SRV-ATTR:host").GetString());
        var migrations = await admin.JsonAsync("server", "migration", "list", "--server", id);
        Assert.Contains(migrations.EnumerateArray(), m => m.GetProperty("Status").GetString() == "confirmed");

        (await cli.RunAsync("server", "delete", "--wait", id)).EnsureSuccess("server delete");
    }

    [Fact]
    public async Task Resize_then_revert_returns_to_the_old_flavor_on_the_first_host()
    {
        var (cli, admin, id, source) = await BootAsync();

        (await cli.RunAsync("server", "resize", "--flavor", "m1.small", "--wait", id)).EnsureSuccess("server resize");
        Assert.Equal("VERIFY_RESIZE", (await cli.JsonAsync("server", "show", id)).GetProperty("status").GetString());

        (await cli.RunAsync("server", "resize", "revert", id)).EnsureSuccess("server resize revert");
        var reverted = await WaitStatusAsync(admin, id, "ACTIVE");
        Assert.Equal("m1.tiny", reverted.GetProperty("flavor").GetString()!.Split(' ')[0]);
        Assert.Equal(source, reverted.GetProperty("OS-EXT-SRV-ATTR:host").GetString());

        (await cli.RunAsync("server", "delete", "--wait", id)).EnsureSuccess("server delete");
    }

    private async Task<(OpenStackCli Cli, OpenStackCli Admin, string Id, string? Source)> BootAsync()
    {
        var cli = new OpenStackCli(stack, "controlplane-demo");
        var admin = new OpenStackCli(stack, "controlplane-admin");
        var name = "e2e-resize-" + Guid.NewGuid().ToString("N")[..8];
        var created = await cli.JsonAsync("server", "create", "--flavor", "m1.tiny", "--image", Image, "--wait", name);
        Assert.Equal("ACTIVE", created.GetProperty("status").GetString());
        var id = created.GetProperty("id").GetString()!;
        var source = (await admin.JsonAsync("server", "show", id)).GetProperty("OS-EXT-SRV-ATTR:host").GetString();
        return (cli, admin, id, source);
    }

    private static Task<JsonElement> WaitStatusAsync(OpenStackCli cli, string id, string status) =>
        Eventually.UntilAsync(
            () => cli.JsonAsync("server", "show", id),
            shown => shown.GetProperty("status").GetString() == status
                && (!shown.TryGetProperty("OS-EXT-STS:task_state", out var task) || task.ValueKind == JsonValueKind.Null),
            $"server {id} {status} without a task", TimeSpan.FromSeconds(60), Poll.Interval);
}
