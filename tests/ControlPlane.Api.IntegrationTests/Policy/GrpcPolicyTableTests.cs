using ControlPlane.Api.Grpc;
using ControlPlane.Api.IntegrationTests.Infrastructure;
using ControlPlane.Protos.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace ControlPlane.Api.IntegrationTests.Policy;

/// <summary>Walks every method of <c>controlplane.v1.Servers</c> and <c>controlplane.v1.ServerGroups</c> with the four callers and compares with the table.</summary>
[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class GrpcPolicyTableTests(ApiHost api)
{
    private static readonly StatusCode[] ReadOwn = [StatusCode.OK, StatusCode.OK, StatusCode.NotFound, StatusCode.OK];
    private static readonly StatusCode[] WriteOwn = [StatusCode.PermissionDenied, StatusCode.OK, StatusCode.NotFound, StatusCode.OK];

    private static readonly (string Method, Func<Servers.ServersClient, PolicyWorld, Metadata, Task> Call, StatusCode[] Expected)[] Rows =
    [
        ("CreateServer", async (c, _, m) => await c.CreateServerAsync(
            new CreateServerRequest { Name = "grpc-policy", FlavorRef = "1", ImageRef = ApiClient.ActiveImage }, m, Deadline()),
            [StatusCode.PermissionDenied, StatusCode.OK, StatusCode.OK, StatusCode.OK]),
        ("GetServer", async (c, w, m) => await c.GetServerAsync(new GetServerRequest { Id = w.ServerId }, m, Deadline()), ReadOwn),
        ("ListServers", async (c, _, m) => await c.ListServersAsync(new ListServersRequest(), m, Deadline()),
            [StatusCode.OK, StatusCode.OK, StatusCode.OK, StatusCode.OK]),
        ("DeleteServer", async (c, w, m) => await c.DeleteServerAsync(new DeleteServerRequest { Id = await w.FreshServerAsync() }, m, Deadline()), WriteOwn),
        ("WatchServer", async (c, w, m) =>
        {
            using var call = c.WatchServer(new WatchServerRequest { Id = w.ServerId }, m, Deadline());
            Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        }, ReadOwn),
        // S is still building: an allowed console request is refused by its state (FAILED_PRECONDITION).
        ("GetConsole", async (c, w, m) => await c.GetConsoleAsync(new GetConsoleRequest { Id = w.ServerId }, m, Deadline()),
            [StatusCode.PermissionDenied, StatusCode.FailedPrecondition, StatusCode.NotFound, StatusCode.FailedPrecondition]),
        // Metadata and tags: readers read; S is still building, so an allowed write is refused by its state.
        ("GetServerMetadata", async (c, w, m) => await c.GetServerMetadataAsync(new ServerMetadataRequest { Id = w.ServerId }, m, Deadline()), ReadOwn),
        ("UpdateServerMetadata", async (c, w, m) => await c.UpdateServerMetadataAsync(
            new UpdateServerMetadataRequest { Id = w.ServerId, Metadata = { ["a"] = "b" } }, m, Deadline()),
            [StatusCode.PermissionDenied, StatusCode.FailedPrecondition, StatusCode.NotFound, StatusCode.FailedPrecondition]),
        ("DeleteServerMetadataItem", async (c, w, m) => await c.DeleteServerMetadataItemAsync(
            new ServerMetadataItemRequest { Id = w.ServerId, Key = "missing" }, m, Deadline()),
            [StatusCode.PermissionDenied, StatusCode.NotFound, StatusCode.NotFound, StatusCode.NotFound]),
        ("GetServerTags", async (c, w, m) => await c.GetServerTagsAsync(new ServerTagsRequest { Id = w.ServerId }, m, Deadline()), ReadOwn),
        ("ReplaceServerTags", async (c, w, m) => await c.ReplaceServerTagsAsync(new ReplaceServerTagsRequest { Id = w.ServerId, Tags = { "t" } }, m, Deadline()),
            [StatusCode.PermissionDenied, StatusCode.FailedPrecondition, StatusCode.NotFound, StatusCode.FailedPrecondition]),
        ("AddServerTag", async (c, w, m) => await c.AddServerTagAsync(new ServerTagRequest { Id = w.ServerId, Tag = "t" }, m, Deadline()),
            [StatusCode.PermissionDenied, StatusCode.FailedPrecondition, StatusCode.NotFound, StatusCode.FailedPrecondition]),
        ("DeleteServerTag", async (c, w, m) => await c.DeleteServerTagAsync(new ServerTagRequest { Id = w.ServerId, Tag = "t" }, m, Deadline()),
            [StatusCode.PermissionDenied, StatusCode.FailedPrecondition, StatusCode.NotFound, StatusCode.FailedPrecondition]),
    ];

    private static readonly (string Method, Func<ServerGroups.ServerGroupsClient, PolicyWorld, Metadata, Task> Call, StatusCode[] Expected)[] GroupRows =
    [
        ("CreateServerGroup", async (c, _, m) => await c.CreateServerGroupAsync(
            new CreateServerGroupRequest { Name = "grpc-policy", Policy = "affinity" }, m, Deadline()),
            [StatusCode.PermissionDenied, StatusCode.OK, StatusCode.OK, StatusCode.OK]),
        ("GetServerGroup", async (c, w, m) => await c.GetServerGroupAsync(new GetServerGroupRequest { Id = w.ServerGroup }, m, Deadline()), ReadOwn),
        ("ListServerGroups", async (c, _, m) => await c.ListServerGroupsAsync(new ListServerGroupsRequest { AllProjects = true }, m, Deadline()),
            [StatusCode.OK, StatusCode.OK, StatusCode.OK, StatusCode.OK]),
        ("DeleteServerGroup", async (c, w, m) => await c.DeleteServerGroupAsync(
            new DeleteServerGroupRequest { Id = await w.FreshServerGroupAsync() }, m, Deadline()), WriteOwn),
    ];

    [Fact]
    public async Task Every_server_group_method_answers_each_caller_as_the_table_says()
    {
        await using var world = await PolicyWorld.CreateAsync(api);
        using var channel = GrpcChannel.ForAddress(api.GrpcUrl);
        var client = new ServerGroups.ServerGroupsClient(channel);
        var mismatches = new List<string>();
        foreach (var (method, call, expected) in GroupRows)
        {
            for (var i = 0; i < PolicyWorld.Callers.Count; i++)
            {
                var status = StatusCode.OK;
                try
                {
                    await call(client, world, new Metadata { { "authorization", "Bearer " + world[PolicyWorld.Callers[i]].Token } });
                }
                catch (RpcException e)
                {
                    status = e.StatusCode;
                }
                if (status != expected[i])
                {
                    mismatches.Add($"{method} as {PolicyWorld.Callers[i]}: {status}, expected {expected[i]}");
                }
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public async Task Every_method_answers_each_caller_as_the_table_says()
    {
        await using var world = await PolicyWorld.CreateAsync(api);
        using var channel = GrpcChannel.ForAddress(api.GrpcUrl);
        var client = new Servers.ServersClient(channel);
        var mismatches = new List<string>();
        foreach (var (method, call, expected) in Rows)
        {
            for (var i = 0; i < PolicyWorld.Callers.Count; i++)
            {
                var caller = PolicyWorld.Callers[i];
                var status = StatusCode.OK;
                try
                {
                    await call(client, world, new Metadata { { "authorization", "Bearer " + world[caller].Token } });
                }
                catch (RpcException e)
                {
                    status = e.StatusCode;
                }
                if (status != expected[i])
                {
                    mismatches.Add($"{method} as {caller}: {status}, expected {expected[i]}");
                }
            }
        }
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void The_table_covers_every_method_of_the_service()
    {
        var methods = Servers.Descriptor.Methods.Select(m => m.Name).Order().ToList();
        var tabled = Rows.Select(r => r.Method)
            .Concat(GrpcPolicyInterceptor.ByOperationRunner.Select(m => m[(m.LastIndexOf('/') + 1)..]))
            .Order().ToList();
        Assert.Equal(methods, tabled);
        Assert.Equal(RuleMethods("/controlplane.v1.Servers/"), Rows.Select(r => r.Method).Order());
        Assert.Equal(ServerGroups.Descriptor.Methods.Select(m => m.Name).Order(), GroupRows.Select(r => r.Method).Order());
        Assert.Equal(RuleMethods("/controlplane.v1.ServerGroups/"), GroupRows.Select(r => r.Method).Order());
    }

    private static IEnumerable<string> RuleMethods(string service) =>
        GrpcPolicyInterceptor.Rules.Keys.Where(k => k.StartsWith(service, StringComparison.Ordinal)).Select(k => k[(k.LastIndexOf('/') + 1)..]).Order();

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(20);
}
