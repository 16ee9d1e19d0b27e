using ControlPlane.EndToEndTests.Infrastructure;

namespace ControlPlane.EndToEndTests.Everyday;

/// <summary>Issue 13 through the stock <c>openstack</c> CLI: rebuild, console log, server properties and tags.</summary>
[Trait("Category", "E2E")]
public sealed class CliEverydayTests
{
    private const string CirrosAlt = "22222222-2222-2222-2222-222222222222";
    private readonly StackEnvironment stack = StackEnvironment.Load();

    [Fact]
    public async Task Server_rebuild_boots_the_other_image_and_console_log_show_prints_the_boot()
    {
        var cli = new OpenStackCli(stack, "controlplane-demo");
        var name = "e2e-rb-" + Guid.NewGuid().ToString("N")[..8];
        var created = await cli.JsonAsync("server", "create", "--flavor", "m1.tiny", "--image", ServerRequests.Image, "--wait", name);
        var id = created.GetProperty("id").GetString()!;
        try
        {
            var log = await cli.RunAsync("console", "log", "show", "--lines", "10", id);
            log.EnsureSuccess("console log show");
            Assert.Contains("login:", log.StandardOutput, StringComparison.Ordinal);
            Assert.True(log.StandardOutput.TrimEnd('\n').Split('\n').Length <= 10, log.StandardOutput);

            // With --wait the CLI prints its progress ("Complete") before the body, so read the server afterwards.
            (await cli.RunAsync("server", "rebuild", "--image", "cirros-alt", "--wait", id)).EnsureSuccess("server rebuild --wait");
            var shown = await cli.JsonAsync("server", "show", id);
            Assert.Contains(CirrosAlt, shown.GetProperty("image").GetString()!, StringComparison.Ordinal);
            Assert.Equal("ACTIVE", shown.GetProperty("status").GetString());
        }
        finally
        {
            await cli.RunAsync("server", "delete", "--wait", id);
        }
    }

    [Fact]
    public async Task Server_set_property_and_tag_then_list_by_tag_and_unset()
    {
        var cli = new OpenStackCli(stack, "controlplane-demo");
        var name = "e2e-md-" + Guid.NewGuid().ToString("N")[..8];
        var tag = "t" + Guid.NewGuid().ToString("N")[..8];
        var created = await cli.JsonAsync("server", "create", "--flavor", "m1.tiny", "--image", ServerRequests.Image, "--wait", name);
        var id = created.GetProperty("id").GetString()!;
        try
        {
            (await cli.RunAsync("server", "set", "--property", "k=v", id)).EnsureSuccess("server set --property");
            (await cli.RunAsync("--os-compute-api-version", "2.26", "server", "set", "--tag", tag, id)).EnsureSuccess("server set --tag");
            var shown = await cli.JsonAsync("server", "show", id);
            Assert.Equal("v", shown.GetProperty("properties").GetProperty("k").GetString());

            var listed = await cli.JsonAsync("--os-compute-api-version", "2.26", "server", "list", "--tags", tag);
            Assert.Equal([id], listed.EnumerateArray().Select(s => s.GetProperty("ID").GetString()));

            (await cli.RunAsync("server", "unset", "--property", "k", id)).EnsureSuccess("server unset --property");
            var after = await cli.JsonAsync("server", "show", id);
            var properties = after.GetProperty("properties");
            Assert.False(properties.ValueKind == System.Text.Json.JsonValueKind.Object && properties.TryGetProperty("k", out _), properties.ToString());
        }
        finally
        {
            await cli.RunAsync("server", "delete", "--wait", id);
        }
    }
}
