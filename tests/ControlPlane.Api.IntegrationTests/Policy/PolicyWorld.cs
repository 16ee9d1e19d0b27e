using ControlPlane.Api.IntegrationTests.Infrastructure;

namespace ControlPlane.Api.IntegrationTests.Policy;

/// <summary>The four callers of the policy table and the objects they act on.</summary>
public enum Caller
{
    /// <summary>Only <c>reader</c> on project P.</summary>
    Reader,

    /// <summary><c>member</c> and <c>reader</c> on project P (owns the server and key pair).</summary>
    Member,

    /// <summary><c>member</c> and <c>reader</c> on another project Q.</summary>
    OtherMember,

    /// <summary><c>admin</c>, <c>member</c> and <c>reader</c> on a third project.</summary>
    Admin,
}

/// <summary>
/// Project P with a reader-only user and a member, a member of another project and an admin; a server S
/// and a key pair K of P's member. Destructive rows ask for fresh objects per cell.
/// </summary>
public sealed class PolicyWorld : IAsyncDisposable
{
    private readonly ApiHost api;
    private readonly Dictionary<Caller, ApiClient> clients;

    private PolicyWorld(ApiHost api, Dictionary<Caller, ApiClient> clients, string serverId, string requestId)
    {
        this.api = api;
        this.clients = clients;
        ServerId = serverId;
        RequestId = requestId;
    }

    public static IReadOnlyList<Caller> Callers { get; } = [Caller.Reader, Caller.Member, Caller.OtherMember, Caller.Admin];

    public string ServerId { get; }

    public string RequestId { get; }

    public string KeyPair { get; private set; } = string.Empty;

    /// <summary>A server group G of P (created by P's member).</summary>
    public string ServerGroup { get; private set; } = string.Empty;

    public ApiClient this[Caller caller] => clients[caller];

    public static async Task<PolicyWorld> CreateAsync(ApiHost api)
    {
        var p = await api.NewProjectUsersAsync(["reader"], ["member", "reader"]);
        var other = await api.NewTenantAsync("member", "reader");
        var admin = await api.NewTenantAsync("admin", "member", "reader");
        var clients = new Dictionary<Caller, ApiClient>
        {
            [Caller.Reader] = p[0], [Caller.Member] = p[1], [Caller.OtherMember] = other, [Caller.Admin] = admin,
        };
        var server = await p[1].CreateServerAsync();
        var (_, actions, _) = await p[1].SendAsync(HttpMethod.Get, $"/compute/v2.1/servers/{server}/os-instance-actions");
        var requestId = actions!["instanceActions"]![0]!["request_id"]!.GetValue<string>();
        var world = new PolicyWorld(api, clients, server, requestId);
        world.KeyPair = await world.FreshKeyPairAsync();
        world.ServerGroup = await world.FreshServerGroupAsync();
        return world;
    }

    /// <summary>A new server of P (created by P's member).</summary>
    public Task<string> FreshServerAsync() => clients[Caller.Member].CreateServerAsync();

    /// <summary>A new key pair of P's member.</summary>
    public async Task<string> FreshKeyPairAsync()
    {
        var name = "kp-" + Guid.NewGuid().ToString("N")[..10];
        var (status, body, _) = await clients[Caller.Member].SendAsync(HttpMethod.Post, "/compute/v2.1/os-keypairs", $$$"""{"keypair": {"name": "{{{name}}}"}}""");
        Assert.True(status == 200, $"key pair create returned {status}: {body?.ToJsonString()}");
        return name;
    }

    /// <summary>A new anti-affinity server group of P (created by P's member).</summary>
    public async Task<string> FreshServerGroupAsync()
    {
        var name = "sg-" + Guid.NewGuid().ToString("N")[..10];
        var (status, body, _) = await clients[Caller.Member].SendAsync(HttpMethod.Post, "/compute/v2.1/os-server-groups",
            $$$"""{"server_group": {"name": "{{{name}}}", "policies": ["anti-affinity"]}}""");
        Assert.True(status == 200, $"server group create returned {status}: {body?.ToJsonString()}");
        return body!["server_group"]!["id"]!.GetValue<string>();
    }

    /// <summary>A new token of <paramref name="caller"/>'s user, issued from its current one (token method, same project).</summary>
    public async Task<string> FreshTokenAsync(Caller caller)
    {
        var (status, _, response) = await ApiClient.SendRawAsync(api.Anonymous(), HttpMethod.Post, "/identity/v3/auth/tokens", TokenLoginBody(caller));
        Assert.Equal(201, status);
        return response.Headers.GetValues("X-Subject-Token").Single();
    }

    /// <summary>A login body of the token method with <paramref name="caller"/>'s token, scoped to its project.</summary>
    public string TokenLoginBody(Caller caller) =>
        "{\"auth\": {\"identity\": {\"methods\": [\"token\"], \"token\": {\"id\": \"" + clients[caller].Token +
        "\"}}, \"scope\": {\"project\": {\"id\": \"" + clients[caller].ProjectId + "\"}}}}";

    public ValueTask DisposeAsync()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
        return ValueTask.CompletedTask;
    }
}
