using ControlPlane.Api.IntegrationTests.Infrastructure;

namespace ControlPlane.Api.IntegrationTests.Consoles;

/// <summary>
/// <c>POST /servers/{id}/remote-consoles</c>, <c>os-getVNCConsole</c> and <c>os-console-auth-tokens</c>: every refusal
/// happens before the compute call (the recording RPC client fails any call), with Nova's status and message.
/// </summary>
[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RemoteConsoleTests(ApiHost api)
{
    private const string Vnc = """{"remote_console": {"protocol": "vnc", "type": "novnc"}}""";

    [Fact]
    public async Task Remote_consoles_needs_2_6_and_refuses_types_this_cloud_does_not_serve_with_400()
    {
        using var client = await api.NewTenantAsync();
        var (id, _) = await PlaceAsync(client, "active", features: null);
        var path = $"/compute/v2.1/servers/{id}/remote-consoles";

        Assert.Equal(404, (await client.SendAsync(HttpMethod.Post, path, Vnc, microversion: "2.5")).Status);
        var (status, body, _) = await client.SendAsync(HttpMethod.Post, path, """{"remote_console": {"protocol": "vnc", "type": "xvpvnc"}}""", "2.6");
        Assert.Equal((400, "Invalid console type xvpvnc"), (status, Message(body, "badRequest")));
        (status, body, _) = await client.SendAsync(HttpMethod.Post, path, """{"remote_console": {"protocol": "spice", "type": "spice-html5"}}""", "2.6");
        Assert.Equal((400, "Unavailable console type spice-html5."), (status, Message(body, "badRequest")));
        (status, body, _) = await client.SendAsync(HttpMethod.Post, path, """{"remote_console": {"protocol": "telnet", "type": "novnc"}}""", "2.6");
        Assert.Equal(400, status);
        Assert.Contains("'telnet' is not one of", Message(body, "badRequest"), StringComparison.Ordinal);
        (status, _, _) = await client.SendAsync(HttpMethod.Post, path, """{"remote_console": {"protocol": "vnc"}}""", "2.6");
        Assert.Equal(400, status);
    }

    [Fact]
    public async Task A_console_needs_a_host_a_state_with_a_console_and_the_hosts_vnc_feature()
    {
        using var client = await api.NewTenantAsync();
        using var other = await api.NewTenantAsync();
        var building = await client.CreateServerAsync();
        var (stopped, _) = await PlaceAsync(client, "stopped", features: null);
        var (noVnc, host) = await PlaceAsync(client, "active", features: ["Snapshot"]);

        var (status, body, _) = await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{building}/action", """{"os-getVNCConsole": {"type": "novnc"}}""");
        Assert.Equal((409, $"Instance {building} is not ready"), (status, Message(body, "conflictingRequest")));
        (status, body, _) = await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{stopped}/remote-consoles", Vnc, "2.6");
        Assert.Equal((409, $"Cannot 'get_vnc_console' instance {stopped} while it is in vm_state stopped"), (status, Message(body, "conflictingRequest")));
        (status, body, _) = await client.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{noVnc}/remote-consoles", Vnc, "2.6");
        Assert.Equal(409, status);
        Assert.Contains($"host {host}", Message(body, "conflictingRequest"), StringComparison.Ordinal);
        Assert.Equal(404, (await other.SendAsync(HttpMethod.Post, $"/compute/v2.1/servers/{noVnc}/remote-consoles", Vnc, "2.6")).Status);
        Assert.DoesNotContain(api.Rpc.Casts, c => c.Topic == "compute." + host);
    }

    [Fact]
    public async Task The_old_action_checks_its_body_and_is_gone_from_2_6()
    {
        using var client = await api.NewTenantAsync();
        var (id, _) = await PlaceAsync(client, "active", features: null);
        var path = $"/compute/v2.1/servers/{id}/action";

        var (status, body, _) = await client.SendAsync(HttpMethod.Post, path, """{"os-getVNCConsole": {"type": "spice-html5"}}""");
        Assert.Equal(400, status);
        Assert.Contains("'spice-html5' is not one of ['novnc', 'xvpvnc']", Message(body, "badRequest"), StringComparison.Ordinal);
        (status, body, _) = await client.SendAsync(HttpMethod.Post, path, """{"os-getVNCConsole": {"type": "xvpvnc"}}""");
        Assert.Equal((400, "Invalid console type xvpvnc"), (status, Message(body, "badRequest")));
        Assert.Equal(404, (await client.SendAsync(HttpMethod.Post, path, """{"os-getVNCConsole": {"type": "novnc"}}""", "2.6")).Status);
    }

    [Fact]
    public async Task Console_auth_tokens_are_for_admins_only()
    {
        using var client = await api.NewTenantAsync();
        var (status, body, _) = await client.SendAsync(HttpMethod.Get, "/compute/v2.1/os-console-auth-tokens/some-token", microversion: "2.31");
        Assert.Equal((403, "Policy doesn't allow os_compute_api:os-console-auth-tokens to be performed."), (status, Message(body, "forbidden")));
    }

    private static string Message(System.Text.Json.Nodes.JsonNode? body, string fault) => body![fault]!["message"]!.GetValue<string>();

    private async Task<(string Id, string Host)> PlaceAsync(ApiClient client, string vmState, string[]? features)
    {
        var id = await client.CreateServerAsync();
        var host = "it-console-" + Guid.NewGuid().ToString("N")[..6];
        await api.ScalarAsync("UPDATE instances SET host = @h, vm_state = @v, task_state = NULL WHERE id = @i", ("h", host), ("v", vmState), ("i", Guid.Parse(id)));
        await api.ScalarAsync("""
            INSERT INTO services (host, binary_name, topic, disabled, last_seen_at, created_at, updated_at, driver_features)
            VALUES (@h, 'controlplane-compute', 'compute', true, now(), now(), now(), @f)
            """, ("h", host), ("f", (object?)features ?? DBNull.Value));
        return (id, host);
    }
}
