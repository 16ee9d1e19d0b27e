using System.Text.Json;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.PauseSuspend;
using ControlPlane.Api.Identity;
using ControlPlane.Api.UnitTests.Compute.Actions;
using ControlPlane.Compute.Rpc;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Api.UnitTests.Compute.Lifecycle;

/// <summary>pause, unpause, suspend and resume: registered by key, Nova's states, lock and driver feature, their casts.</summary>
public sealed class PauseSuspendActionTests
{
    private static readonly RequestPrincipal Member = new("u1", "p1", ["member", "reader"], "token");
    private static readonly RequestPrincipal Admin = new("admin", "admin", ["admin", "member", "reader"], "token");
    private static readonly JsonElement Null = JsonDocument.Parse("null").RootElement;

    [Theory]
    [InlineData("pause", VmState.Active, TaskState.Pausing, typeof(PauseInstance))]
    [InlineData("unpause", VmState.Paused, TaskState.Unpausing, typeof(UnpauseInstance))]
    [InlineData("suspend", VmState.Active, TaskState.Suspending, typeof(SuspendInstance))]
    [InlineData("resume", VmState.Suspended, TaskState.Resuming, typeof(ResumeInstance))]
    public async Task Each_action_sets_its_task_state_with_its_action_row_and_casts_its_message(string key, string vmState, string taskState, Type message)
    {
        var (action, rpc) = Resolve(key);
        var store = new RecordingActionStore(ServerActionRunnerTests.Instance(vmState));

        await ServerActionRunnerTests.Runner(store).RunAsync(Member, ServerActionRunnerTests.ServerId, action.Parse(Null), default);

        var begun = Assert.Single(store.Begun);
        Assert.Equal([null], begun.Expected);
        Assert.Equal((taskState, key), (begun.TaskState, begun.Action));
        var (topic, cast) = Assert.Single(rpc.Casts);
        Assert.Equal("compute.host1", topic);
        Assert.IsType(message, cast);
        var spec = (InstanceSpec)cast.GetType().GetProperty("Instance")!.GetValue(cast)!;
        Assert.Equal((ServerActionRunnerTests.ServerId, taskState), (spec.InstanceId, spec.TaskState));
    }

    [Theory]
    [InlineData("pause", VmState.Paused, "Cannot 'pause' instance {0} while it is in vm_state paused")]
    [InlineData("pause", VmState.Stopped, "Cannot 'pause' instance {0} while it is in vm_state stopped")]
    [InlineData("unpause", VmState.Active, "Cannot 'unpause' instance {0} while it is in vm_state active")]
    [InlineData("suspend", VmState.Paused, "Cannot 'suspend' instance {0} while it is in vm_state paused")]
    [InlineData("resume", VmState.Active, "Cannot 'resume' instance {0} while it is in vm_state active")]
    public async Task A_wrong_vm_state_is_novas_409_and_writes_nothing(string key, string vmState, string message)
    {
        var (action, rpc) = Resolve(key);
        var store = new RecordingActionStore(ServerActionRunnerTests.Instance(vmState));

        var e = await Assert.ThrowsAsync<ConflictException>(() =>
            ServerActionRunnerTests.Runner(store).RunAsync(Member, ServerActionRunnerTests.ServerId, action.Parse(Null), default));

        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, ServerActionRunnerTests.ServerId), e.Message);
        Assert.True(store.NothingWritten);
        Assert.Empty(rpc.Casts);
    }

    [Fact]
    public async Task A_locked_server_refuses_a_member_but_not_an_admin()
    {
        var (action, rpc) = Resolve("suspend");
        var store = new RecordingActionStore(ServerActionRunnerTests.Instance(locked: true));

        var e = await Assert.ThrowsAsync<ConflictException>(() =>
            ServerActionRunnerTests.Runner(store).RunAsync(Member, ServerActionRunnerTests.ServerId, action.Parse(Null), default));
        Assert.Equal($"Instance {ServerActionRunnerTests.ServerId} is locked", e.Message);
        Assert.True(store.NothingWritten);

        await ServerActionRunnerTests.Runner(store).RunAsync(Admin, ServerActionRunnerTests.ServerId, action.Parse(Null), default);
        Assert.IsType<SuspendInstance>(Assert.Single(rpc.Casts).Message);
    }

    [Theory]
    [InlineData("pause", "Pause")]
    [InlineData("suspend", "Suspend")]
    public async Task A_host_whose_driver_lacks_the_feature_refuses_before_anything_is_written(string key, string feature)
    {
        var (action, rpc) = Resolve(key);
        var store = new RecordingActionStore(ServerActionRunnerTests.Instance(features: ["Snapshot"]));

        var e = await Assert.ThrowsAnyAsync<ControlPlaneException>(() =>
            ServerActionRunnerTests.Runner(store).RunAsync(Member, ServerActionRunnerTests.ServerId, action.Parse(Null), default));

        Assert.Contains($"driver feature {feature}", e.Message, StringComparison.Ordinal);
        Assert.True(store.NothingWritten);
        Assert.Empty(rpc.Casts);
    }

    [Fact]
    public void The_value_is_null_or_an_empty_object()
    {
        var (action, _) = Resolve("pause");

        action.Parse(JsonDocument.Parse("{}").RootElement);
        var e = Assert.Throws<InvalidException>(() => action.Parse(JsonDocument.Parse("""{"now": true}""").RootElement));
        Assert.Contains("pause", e.Message, StringComparison.Ordinal);
    }

    private static (IServerAction Action, RecordingRpcClient Rpc) Resolve(string key)
    {
        var rpc = new RecordingRpcClient();
        var provider = new ServiceCollection().AddSingleton(new ComputeRpcClient(rpc)).AddPauseSuspendActions().AddScoped<ServerActions>().BuildServiceProvider();
        var actions = provider.CreateScope().ServiceProvider.GetRequiredService<ServerActions>();
        Assert.Equal(["pause", "resume", "suspend", "unpause"], actions.Keys.Order(StringComparer.Ordinal));
        return (actions.Find(key)!, rpc);
    }
}
