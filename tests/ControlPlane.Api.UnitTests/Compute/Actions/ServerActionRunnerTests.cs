using System.Text.Json;
using ControlPlane.Api.Compute.Actions;
using ControlPlane.Api.Identity;
using ControlPlane.Api.Policy;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;
using Microsoft.Extensions.Logging.Abstractions;

namespace ControlPlane.Api.UnitTests.Compute.Actions;

/// <summary>The runner's checks and writes, with the toy <c>hum</c> action (a definition plus an <see cref="IServerAction"/>).</summary>
public sealed class ServerActionRunnerTests
{
    internal static readonly Guid Id = Guid.Parse("0b7c4c2e-8f55-4f0e-9d8a-3d1e2f4a5b6c");

    /// <summary>The id of <see cref="Instance"/>.</summary>
    internal static string ServerId => Id.ToString("D");

    private static readonly RequestPrincipal Member = new("u1", "p1", ["member", "reader"], "token");
    private static readonly RequestPrincipal Reader = new("u2", "p1", ["reader"], "token");
    private static readonly RequestPrincipal Admin = new("admin", "admin", ["admin", "member", "reader"], "token");

    private readonly ToyHumAction hum = new();

    internal static InstanceRecord Instance(string vmState = VmState.Active, string? taskState = null, string? host = "host1", bool locked = false,
        IReadOnlyList<string>? features = null) => new()
    {
        Id = Id, InternalId = 42, ProjectId = "p1", UserId = "u1", DisplayName = "vm1", FlavorId = "1",
        FlavorJson = """{"id":"1","name":"m1.tiny","memory_mb":512,"vcpus":1,"root_gb":1,"ephemeral_gb":0,"swap_mb":0,"extra_specs":{}}""",
        ImageRef = Guid.NewGuid().ToString("D"), VmState = vmState, TaskState = taskState, Host = host, Locked = locked,
        ReservationId = "r-1", CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch, HostFeatures = features,
    };

    [Fact]
    public async Task A_toy_action_starts_with_its_definitions_task_state_and_action_row_then_casts_the_spec()
    {
        var store = new RecordingActionStore(Instance(features: ["Pause", "Snapshot"]));
        var context = await RunAsync(store, Member);

        Assert.Equal(1, store.Loads);
        var begun = Assert.Single(store.Begun);
        Assert.Equal([null], begun.Expected);
        Assert.Equal("humming", begun.TaskState);
        Assert.Equal("hum", begun.Action);
        var cast = Assert.Single(hum.Casts);
        Assert.Same(context, cast);
        Assert.Equal("humming", cast.Spec().TaskState);
        Assert.Equal("instance-0000002a", cast.Spec().InstanceName);
        Assert.Equal("host1", cast.Host);
        Assert.Empty(store.Reverted);
        Assert.Empty(store.ConsolesRevoked);
    }

    [Fact]
    public async Task A_locked_instance_is_409_for_its_owner_and_nothing_is_written_but_an_admin_may_act()
    {
        var store = new RecordingActionStore(Instance(locked: true));
        var e = await Assert.ThrowsAsync<ConflictException>(() => RunAsync(store, Member));
        Assert.Equal($"Instance {Id} is locked", e.Message);
        Assert.True(store.NothingWritten);

        await RunAsync(store, Admin);
        Assert.Single(store.Begun);
    }

    [Fact]
    public async Task An_instance_without_host_is_not_ready()
    {
        var store = new RecordingActionStore(Instance(host: null));
        var e = await Assert.ThrowsAsync<ConflictException>(() => RunAsync(store, Member));
        Assert.Equal($"Instance {Id} is not ready", e.Message);
        Assert.True(store.NothingWritten);
    }

    [Theory]
    [InlineData(VmState.Stopped, null, "vm_state stopped")]
    [InlineData(VmState.Stopped, TaskState.PoweringOn, "vm_state stopped")]
    [InlineData(VmState.Active, TaskState.Rebooting, "task_state rebooting")]
    public async Task A_wrong_state_is_novas_409_naming_vm_state_before_task_state(string vmState, string? taskState, string named)
    {
        var store = new RecordingActionStore(Instance(vmState, taskState));
        var e = await Assert.ThrowsAsync<ConflictException>(() => RunAsync(store, Member));
        Assert.Equal($"Cannot 'hum' instance {Id} while it is in {named}", e.Message);
        Assert.True(store.NothingWritten);
        Assert.Empty(hum.Casts);
    }

    [Fact]
    public async Task A_host_whose_driver_lacks_the_feature_is_refused_before_anything_is_written()
    {
        var store = new RecordingActionStore(Instance(features: ["Snapshot"]));
        var e = await Assert.ThrowsAsync<ConflictException>(() => RunAsync(store, Member));
        Assert.Equal(409, e.HttpStatus);
        Assert.Contains("driver feature Pause", e.Message, StringComparison.Ordinal);
        Assert.True(store.NothingWritten);
        Assert.Empty(hum.Casts);
    }

    [Fact]
    public void A_missing_feature_is_400_when_the_definition_says_so_and_unknown_features_allow_everything()
    {
        var badRequest = ToyHumAction.Hum with { MissingFeatureIsConflict = false };
        var e = Assert.Throws<InvalidException>(() => ServerActionChecks.Ensure(badRequest, Instance(features: []), admin: true));
        Assert.Equal(400, e.HttpStatus);
        ServerActionChecks.Ensure(badRequest, Instance(features: null), admin: false);
    }

    [Fact]
    public async Task A_caller_the_policy_refuses_gets_403_and_nothing_is_written()
    {
        var store = new RecordingActionStore(Instance());
        var e = await Assert.ThrowsAsync<ForbiddenException>(() => RunAsync(store, Reader));
        Assert.Equal("Policy doesn't allow project_member_or_admin to be performed.", e.Message);
        Assert.True(store.NothingWritten);
    }

    [Fact]
    public async Task Another_projects_or_a_non_uuid_id_is_404_before_the_body_is_even_parsed()
    {
        var store = new RecordingActionStore(Instance());
        var parsed = false;
        var runner = Runner(store);
        await Assert.ThrowsAsync<NotFoundException>(() => runner.RunAsync(Member, "vm1", () => { parsed = true; return Task.FromResult(hum.Parse(Loud())); }, default));
        Assert.False(parsed);
        Assert.True(store.NothingWritten);
    }

    [Fact]
    public async Task A_failed_cast_puts_the_task_state_back_and_is_503()
    {
        var store = new RecordingActionStore(Instance());
        hum.CastFails = true;
        await Assert.ThrowsAsync<ServiceUnavailableException>(() => RunAsync(store, Member));
        Assert.Single(store.Begun);
        Assert.Equal([(Id, "humming")], store.Reverted);
    }

    [Fact]
    public async Task A_lost_compare_and_set_is_409_naming_the_task_state_found_and_nothing_is_cast()
    {
        var store = new RecordingActionStore(Instance()) { LoseCompareAndSetTo = TaskState.PoweringOff };
        var e = await Assert.ThrowsAsync<ConflictException>(() => RunAsync(store, Member));
        Assert.Equal($"Cannot 'hum' instance {Id} while it is in task_state powering-off", e.Message);
        Assert.Empty(hum.Casts);
        Assert.Empty(store.Reverted);
    }

    [Fact]
    public async Task A_definition_without_task_state_starts_without_compare_and_set()
    {
        var store = new RecordingActionStore(Instance(VmState.Stopped, TaskState.PoweringOn, locked: true));
        var call = new CastCall(InstanceOperations.Lock, _ => Task.CompletedTask);
        await Runner(store).RunAsync(Member, Id.ToString("D"), call, default);
        var begun = Assert.Single(store.Begun);
        Assert.Null(begun.TaskState);
        Assert.Equal("lock", begun.Action);
    }

    private Task<ServerActionContext> RunAsync(RecordingActionStore store, RequestPrincipal principal) =>
        Runner(store).RunAsync(principal, Id.ToString("D"), hum.Parse(Loud()), default);

    internal static ServerActionRunner Runner(RecordingActionStore store) =>
        new(store, new RuleBasedComputePolicy(PolicyRuleSet.Defaults()), store, NullLogger<ServerActionRunner>.Instance);

    private static JsonElement Loud() => JsonDocument.Parse("""{"loud": true}""").RootElement;
}
