using System.Security.Cryptography;
using ControlPlane.Api.Identity;
using ControlPlane.Api.IntegrationTests.Infrastructure;
using ControlPlane.Protos.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace ControlPlane.Api.IntegrationTests.Grpc;

/// <summary>A <c>WatchServer</c> stream ends, Unauthenticated, when its token is revoked or expires.</summary>
[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class WatchTokenTests(ApiHost api)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Revoking_the_token_ends_the_watch()
    {
        using var tenant = await api.NewTenantAsync();
        var id = await tenant.CreateServerAsync();
        using var channel = GrpcChannel.ForAddress(api.GrpcUrl);
        var client = new Servers.ServersClient(channel);
        using var cts = new CancellationTokenSource(Deadline);
        using var watch = client.WatchServer(new WatchServerRequest { Id = id }, Bearer(tenant.Token), cancellationToken: cts.Token);
        Assert.True(await watch.ResponseStream.MoveNext(cts.Token));

        using var revoke = new HttpRequestMessage(HttpMethod.Delete, "/identity/v3/auth/tokens");
        revoke.Headers.Add("X-Subject-Token", tenant.Token);
        using (var response = await tenant.Http.SendAsync(revoke))
        {
            Assert.Equal(204, (int)response.StatusCode);
        }

        var ended = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(cts.Token));
        Assert.Equal(StatusCode.Unauthenticated, ended.StatusCode);
        Assert.Contains("revoked", ended.Status.Detail);
    }

    [Fact]
    public async Task An_expiring_token_ends_the_watch_at_its_expiry()
    {
        using var tenant = await api.NewTenantAsync();
        var id = await tenant.CreateServerAsync();
        var now = DateTimeOffset.UtcNow;
        var shortLived = api.Services.GetRequiredService<TokenCodec>().Encode(new TokenPayload(
            Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), tenant.UserId, tenant.ProjectId, ["member", "reader"], ["password"],
            now, now.AddSeconds(3)));
        using var channel = GrpcChannel.ForAddress(api.GrpcUrl);
        var client = new Servers.ServersClient(channel);
        using var cts = new CancellationTokenSource(Deadline);
        using var watch = client.WatchServer(new WatchServerRequest { Id = id }, Bearer(shortLived), cancellationToken: cts.Token);
        Assert.True(await watch.ResponseStream.MoveNext(cts.Token));

        var ended = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(cts.Token));
        Assert.Equal(StatusCode.Unauthenticated, ended.StatusCode);
        Assert.Contains("expired", ended.Status.Detail);
        Assert.True(DateTimeOffset.UtcNow >= now.AddSeconds(3));
    }

    private static Metadata Bearer(string token) => new() { { "authorization", "Bearer " + token } };
}
