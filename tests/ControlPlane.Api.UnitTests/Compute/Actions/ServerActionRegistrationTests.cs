using System.Text.Json;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Compute.Consoles;
using ControlPlane.Api.Compute.Power;
using ControlPlane.Api.Identity;
using ControlPlane.Compute.Rpc;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using ControlPlane.Messaging.ConsoleAuth;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.DependencyInjection;

namespace ControlPlane.Api.UnitTests.Compute.Actions;

/// <summary>Actions are found by key once registered; the power actions pick their definition and build their cast.</summary>
public sealed class ServerActionRegistrationTests
{
    private static readonly RequestPrincipal Member = new("u1", "p1", ["member"], "token");

    [Fact]
    public void A_registered_toy_action_is_found_by_its_key_beside_the_built_in_ones()
    {
        using var provider = new ServiceCollection()
            .AddSingleton(new ComputeRpcClient(new RecordingRpcClient()))
            .AddSingleton(Microsoft.Extensions.Options.Options.Create(new ConsoleAuthClientOptions()))
            .AddSingleton<ConsoleAuthRpcClient>().AddSingleton<ConsoleRevocation>().AddLogging()
            .AddPowerActions()
            .AddServerAction<ToyHumAction>()
            .AddScoped<ServerActions>()
            .BuildServiceProvider();
        using var scope = provider.CreateScope();
        var actions = scope.ServiceProvider.GetRequiredService<ServerActions>();

        Assert.IsType<ToyHumAction>(actions.Find("hum"));
        Assert.Equal(["hum", "os-start", "os-stop", "reboot"], actions.Keys.Order(StringComparer.Ordinal));
        Assert.Null(actions.Find("os-shelve"));
    }

    [Fact]
    public void A_key_registered_twice_is_a_start_up_error() =>
        Assert.Throws<InvalidOperationException>(() => new ServerActions([new ToyHumAction(), new ToyHumAction()]));

    [Theory]
    [InlineData("HARD", true)]
    [InlineData("SOFT", false)]
    public async Task Reboot_runs_the_hard_or_soft_definition_and_casts_reboot_instance_to_the_host(string type, bool hard)
    {
        var rpc = new RecordingRpcClient();
        var action = new RebootAction(new ComputeRpcClient(rpc));
        var store = new RecordingActionStore(ServerActionRunnerTests.Instance());
        var call = action.Parse(JsonDocument.Parse($$"""{"type":"{{type}}"}""").RootElement);
        Assert.Same(hard ? InstanceOperations.RebootHard : InstanceOperations.Reboot, call.Operation);

        var context = await ServerActionRunnerTests.Runner(store).RunAsync(Member, ServerActionRunnerTests.ServerId, call, default);

        var begun = Assert.Single(store.Begun);
        Assert.Equal(hard ? InstanceOperations.HardRebootTaskStates : [null], begun.Expected);
        Assert.Equal(hard ? TaskState.RebootingHard : TaskState.Rebooting, begun.TaskState);
        var (topic, message) = Assert.Single(rpc.Casts);
        Assert.Equal("compute.host1", topic);
        var reboot = Assert.IsType<RebootInstance>(message);
        Assert.Equal(hard, reboot.Hard);
        Assert.Equal(begun.TaskState, reboot.Instance.TaskState);
        Assert.Equal("reboot", context.Operation.ActionName);
    }

    [Fact]
    public async Task A_soft_reboot_of_a_stopped_server_fails_novas_inner_check_and_a_building_one_the_outer()
    {
        var action = new RebootAction(new ComputeRpcClient(new RecordingRpcClient()));
        var soft = action.Parse(JsonDocument.Parse("""{"type":"SOFT"}""").RootElement);
        var stopped = new RecordingActionStore(ServerActionRunnerTests.Instance(VmState.Stopped));
        var e = await Assert.ThrowsAsync<Domain.Errors.ConflictException>(() => ServerActionRunnerTests.Runner(stopped).RunAsync(Member, ServerActionRunnerTests.ServerId, soft, default));
        Assert.StartsWith("Cannot '_soft_reboot' instance", e.Message, StringComparison.Ordinal);
        var building = new RecordingActionStore(ServerActionRunnerTests.Instance(VmState.Building, TaskState.Spawning));
        e = await Assert.ThrowsAsync<Domain.Errors.ConflictException>(() => ServerActionRunnerTests.Runner(building).RunAsync(Member, ServerActionRunnerTests.ServerId, soft, default));
        Assert.EndsWith("while it is in vm_state building", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("Cannot 'reboot' instance", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stop_and_start_take_no_arguments()
    {
        var stop = Stop();
        Assert.Same(InstanceOperations.Stop, stop.Parse(JsonDocument.Parse("null").RootElement).Operation);
        Assert.Same(InstanceOperations.Stop, stop.Parse(JsonDocument.Parse("{}").RootElement).Operation);
        var e = Assert.Throws<Domain.Errors.InvalidException>(() => stop.Parse(JsonDocument.Parse("""{"force":true}""").RootElement));
        Assert.Equal("Invalid input for field/attribute os-stop. Value: must be null.", e.Message);
    }

    [Fact]
    public async Task An_accepted_stop_revokes_the_servers_consoles_and_a_refused_one_does_not()
    {
        var stop = Stop();
        var active = new RecordingActionStore(ServerActionRunnerTests.Instance(VmState.Active));
        await ServerActionRunnerTests.Runner(active).RunAsync(Member, ServerActionRunnerTests.ServerId, stop.Parse(JsonDocument.Parse("null").RootElement), default);
        Assert.Equal([(ServerActionRunnerTests.Id, "stop")], active.ConsolesRevoked);

        var stopped = new RecordingActionStore(ServerActionRunnerTests.Instance(VmState.Stopped));
        await Assert.ThrowsAsync<Domain.Errors.ConflictException>(() =>
            ServerActionRunnerTests.Runner(stopped).RunAsync(Member, ServerActionRunnerTests.ServerId, stop.Parse(JsonDocument.Parse("null").RootElement), default));
        Assert.Empty(stopped.ConsolesRevoked);
    }

    private static IServerAction Stop()
    {
        var provider = new ServiceCollection().AddSingleton(new ComputeRpcClient(new RecordingRpcClient())).AddPowerActions()
            .AddScoped<ServerActions>().BuildServiceProvider();
        return provider.CreateScope().ServiceProvider.GetRequiredService<ServerActions>().Find(ActionKeys.Stop)!;
    }
}
