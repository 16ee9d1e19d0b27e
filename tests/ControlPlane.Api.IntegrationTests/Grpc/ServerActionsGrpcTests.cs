using ControlPlane.Api.IntegrationTests.Infrastructure;
using ControlPlane.Protos.Rpc.V1;
using ControlPlane.Protos.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace ControlPlane.Api.IntegrationTests.Grpc;

/// <summary>The server actions of <c>controlplane.v1.Servers</c> through the REST actions' runner.</summary>
[Collection(ApiCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ServerActionsGrpcTests(ApiHost api)
{
    [Fact]
    public async Task Lock_refuses_the_owners_pause_as_failed_precondition_and_unlock_then_pause_casts()
    {
        using var owner = await api.NewTenantAsync();
        var (id, host) = await api.PlaceOnHostAsync(owner, features: null);
        using var channel = GrpcChannel.ForAddress(api.GrpcUrl);
        var client = new Servers.ServersClient(channel);
        var auth = new Metadata { { "authorization", "Bearer " + owner.Token } };

        var locked = await client.LockServerAsync(new LockServerRequest { Id = id, LockedReason = "maint" }, auth);
        Assert.Equal((true, "maint"), (locked.Locked, locked.LockedReason));
        var refused = await Assert.ThrowsAsync<RpcException>(() => client.PauseServerAsync(new ServerActionRequest { Id = id }, auth).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("is locked", refused.Status.Detail, StringComparison.Ordinal);

        var unlocked = await client.UnlockServerAsync(new ServerActionRequest { Id = id }, auth);
        Assert.False(unlocked.Locked);
        var pausing = await client.PauseServerAsync(new ServerActionRequest { Id = id }, auth);
        Assert.Equal(("pausing", "ACTIVE"), (pausing.TaskState, pausing.Status));
        Assert.Contains(api.Rpc.Casts, c => c.Topic == "compute." + host && c.Message is PauseInstance p && p.Instance.InstanceId == id);

        var wrongState = await Assert.ThrowsAsync<RpcException>(() => client.ResumeServerAsync(new ServerActionRequest { Id = id }, auth).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, wrongState.StatusCode);
        var tooLong = await Assert.ThrowsAsync<RpcException>(() =>
            client.LockServerAsync(new LockServerRequest { Id = id, LockedReason = new string('r', 256) }, auth).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, tooLong.StatusCode);
        var missing = await Assert.ThrowsAsync<RpcException>(() => client.SuspendServerAsync(new ServerActionRequest { Id = Guid.NewGuid().ToString() }, auth).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }
}
