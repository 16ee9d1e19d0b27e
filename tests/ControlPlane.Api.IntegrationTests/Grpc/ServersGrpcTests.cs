using ControlPlane.Api.IntegrationTests.Infrastructure;
using ControlPlane.Protos.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace ControlPlane.Api.IntegrationTests.Grpc;

[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ServersGrpcTests(ApiHost api)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };

    [Fact]
    public async Task Create_get_list_delete_with_a_bearer_token()
    {
        using var tenant = await api.NewTenantAsync();
        using var channel = GrpcChannel.ForAddress(api.GrpcUrl);
        var client = new Servers.ServersClient(channel);
        var auth = Bearer(tenant.Token);

        var created = await client.CreateServerAsync(new CreateServerRequest { Name = "grpc-vm", FlavorRef = "1", ImageRef = ApiClient.ActiveImage }, auth);
        Assert.Equal("BUILD", created.Status);
        Assert.Equal("scheduling", created.TaskState);
        Assert.Equal(tenant.ProjectId, created.ProjectId);

        var got = await client.GetServerAsync(new GetServerRequest { Id = created.Id }, auth);
        Assert.Equal("grpc-vm", got.Name);
        var list = await client.ListServersAsync(new ListServersRequest { Name = "^grpc" }, auth);
        Assert.Equal([created.Id], list.Servers.Select(s => s.Id));

        await client.DeleteServerAsync(new DeleteServerRequest { Id = created.Id }, auth);
        var gone = await Assert.ThrowsAsync<RpcException>(() => client.GetServerAsync(new GetServerRequest { Id = created.Id }, auth).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, gone.StatusCode);
        var status = gone.GetRpcStatus();
        Assert.NotNull(status);
        Assert.Equal((int)StatusCode.NotFound, status.Code);
    }

    [Fact]
    public async Task Missing_or_bad_tokens_are_unauthenticated_and_bad_input_is_invalid_argument()
    {
        using var tenant = await api.NewTenantAsync();
        using var channel = GrpcChannel.ForAddress(api.GrpcUrl);
        var client = new Servers.ServersClient(channel);

        var none = await Assert.ThrowsAsync<RpcException>(() => client.ListServersAsync(new ListServersRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, none.StatusCode);
        var bad = await Assert.ThrowsAsync<RpcException>(() => client.ListServersAsync(new ListServersRequest(), Bearer("forged.token")).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, bad.StatusCode);
        var invalid = await Assert.ThrowsAsync<RpcException>(() =>
            client.CreateServerAsync(new CreateServerRequest { Name = "x", FlavorRef = "no-such", ImageRef = ApiClient.ActiveImage }, Bearer(tenant.Token)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
        Assert.Equal(0, await api.CountInstancesAsync(tenant.ProjectId));
    }

    [Theory]
    [InlineData("a\nb")]
    [InlineData("a\u0000b")]
    [InlineData(" lead")]
    [InlineData("")]
    public async Task Names_follow_the_rest_rules(string name)
    {
        using var tenant = await api.NewTenantAsync();
        using var channel = GrpcChannel.ForAddress(api.GrpcUrl);
        var client = new Servers.ServersClient(channel);
        var e = await Assert.ThrowsAsync<RpcException>(() =>
            client.CreateServerAsync(new CreateServerRequest { Name = name, FlavorRef = "1", ImageRef = ApiClient.ActiveImage }, Bearer(tenant.Token)).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.Contains("Invalid input for field/attribute name", e.Status.Detail);
        var (rest, _, _) = await tenant.SendAsync(HttpMethod.Post, "/compute/v2.1/servers",
            System.Text.Json.JsonSerializer.Serialize(new { server = new { name, flavorRef = "1", imageRef = ApiClient.ActiveImage } }));
        Assert.Equal(400, rest);
        Assert.Equal(0, await api.CountInstancesAsync(tenant.ProjectId));
    }

    [Fact]
    public async Task Watch_streams_the_current_state_then_each_change_and_ends_on_delete()
    {
        using var tenant = await api.NewTenantAsync();
        using var channel = GrpcChannel.ForAddress(api.GrpcUrl);
        var client = new Servers.ServersClient(channel);
        var auth = Bearer(tenant.Token);
        var created = await client.CreateServerAsync(new CreateServerRequest { Name = "watched", FlavorRef = "1", ImageRef = ApiClient.ActiveImage }, auth);

        using var cts = new CancellationTokenSource(Deadline);
        using var watch = client.WatchServer(new WatchServerRequest { Id = created.Id }, auth, cancellationToken: cts.Token);
        var stream = watch.ResponseStream;
        Assert.True(await stream.MoveNext(cts.Token));
        Assert.Equal("scheduling", stream.Current.TaskState);

        await api.ScalarAsync("UPDATE instances SET task_state = 'spawning', updated_at = now() WHERE id = @i", ("i", Guid.Parse(created.Id)));
        Assert.True(await stream.MoveNext(cts.Token));
        Assert.Equal("spawning", stream.Current.TaskState);

        await api.ScalarAsync("UPDATE instances SET vm_state = 'active', task_state = NULL, power_state = 1, updated_at = now() WHERE id = @i", ("i", Guid.Parse(created.Id)));
        Assert.True(await stream.MoveNext(cts.Token));
        Assert.Equal("ACTIVE", stream.Current.Status);

        await api.ScalarAsync("UPDATE instances SET deleted = true, vm_state = 'deleted', updated_at = now() WHERE id = @i", ("i", Guid.Parse(created.Id)));
        Assert.True(await stream.MoveNext(cts.Token));
        Assert.Equal("DELETED", stream.Current.Status);
        Assert.False(await stream.MoveNext(cts.Token));
    }
}
