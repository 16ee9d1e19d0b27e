using ControlPlane.EndToEndTests.Infrastructure;

namespace ControlPlane.EndToEndTests.Servers;

/// <summary>The foundation flow through the stock <c>openstack</c> CLI, exactly as a user types it.</summary>
[Trait("Category", "E2E")]
public sealed class CliServerLifecycleTests
{
    private readonly StackEnvironment stack = StackEnvironment.Load();

    [Fact]
    public async Task Token_issue_returns_a_project_scoped_token()
    {
        var cli = new OpenStackCli(stack, "controlplane-demo");
        var token = await cli.JsonAsync("token", "issue");
        Assert.False(string.IsNullOrEmpty(token.GetProperty("id").GetString()));
        Assert.False(string.IsNullOrEmpty(token.GetProperty("project_id").GetString()));
        Assert.False(string.IsNullOrEmpty(token.GetProperty("user_id").GetString()));
    }

    [Fact]
    public async Task Flavor_list_shows_the_classic_flavors()
    {
        var cli = new OpenStackCli(stack, "controlplane-demo");
        var flavors = await cli.JsonAsync("flavor", "list");
        var byName = flavors.EnumerateArray().ToDictionary(f => f.GetProperty("Name").GetString()!, f => f);
        Assert.Equal("1", byName["m1.tiny"].GetProperty("ID").GetString());
        Assert.Equal(512, byName["m1.tiny"].GetProperty("RAM").GetInt32());
        Assert.Equal("5", byName["m1.xlarge"].GetProperty("ID").GetString());
        Assert.Equal(16384, byName["m1.xlarge"].GetProperty("RAM").GetInt32());
    }

    [Fact]
    public async Task Server_create_list_show_delete_with_the_cli()
    {
        var cli = new OpenStackCli(stack, "controlplane-demo");
        var name = "e2e-" + Guid.NewGuid().ToString("N")[..8];
        var created = await cli.JsonAsync("server", "create", "--flavor", "m1.tiny",
            "--image", "11111111-1111-1111-1111-111111111111", "--wait", name);
        Assert.Equal("ACTIVE", created.GetProperty("status").GetString());
        var id = created.GetProperty("id").GetString()!;

        var list = await cli.JsonAsync("server", "list", "--name", name);
        Assert.Contains(list.EnumerateArray(), s => s.GetProperty("ID").GetString() == id);

        var shown = await cli.JsonAsync("server", "show", name);
        Assert.Equal(id, shown.GetProperty("id").GetString());
        Assert.Equal("ACTIVE", shown.GetProperty("status").GetString());
        Assert.Equal("m1.tiny", shown.GetProperty("flavor").GetString()!.Split(' ')[0]);

        (await cli.RunAsync("server", "delete", "--wait", id)).EnsureSuccess("server delete");
        var after = await cli.RunAsync("server", "show", id);
        Assert.NotEqual(0, after.ExitCode);
        Assert.Contains("No server with a name or ID", after.StandardError + after.StandardOutput, StringComparison.OrdinalIgnoreCase);
    }
}
