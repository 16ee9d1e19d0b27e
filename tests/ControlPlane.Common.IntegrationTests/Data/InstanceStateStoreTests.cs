using ControlPlane.Common.IntegrationTests.Infrastructure;
using ControlPlane.Data.DependencyInjection;
using ControlPlane.Data.Instances;
using ControlPlane.Data.Migrations;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.States;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ControlPlane.Common.IntegrationTests.Data;

[Trait("Category", "Integration")]
public sealed class InstanceStateStoreTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);
    private ThrowawayDatabase _db = null!;
    private NpgsqlDataSource _source = null!;
    private InstanceStateStore _store = null!;

    public async Task InitializeAsync()
    {
        _db = await ThrowawayDatabase.CreateAsync();
        _source = _db.CreateDataSource();
        await new MigrationRunner(_source).ApplyAsync(typeof(MigrationRunner).Assembly, DataServiceCollectionExtensions.ControlPlaneResourcePrefix);
        _store = new InstanceStateStore(_source, new FakeTimeProvider(Now));
    }

    public async Task DisposeAsync()
    {
        await _source.DisposeAsync();
        await _db.DisposeAsync();
    }

    private async Task<Guid> InsertAsync(string vmState, string? taskState, bool deleted = false)
    {
        var id = Guid.NewGuid();
        await using var cmd = _source.CreateCommand("""
            INSERT INTO instances (id, project_id, user_id, display_name, flavor_id, flavor, image_ref, vm_state, task_state,
                                   reservation_id, created_at, updated_at, deleted)
            VALUES (@id, 'p1', 'u1', 'vm', '1', '{}'::jsonb, 'img', @vm, @task, 'r-1', now(), now(), @deleted)
            """);
        cmd.Parameters.AddWithValue("id", id);
        cmd.Parameters.AddWithValue("vm", vmState);
        cmd.Parameters.AddWithValue("task", (object?)taskState ?? DBNull.Value);
        cmd.Parameters.AddWithValue("deleted", deleted);
        await cmd.ExecuteNonQueryAsync();
        return id;
    }

    private async Task<(string Vm, string? Task, int Power, string? Host, DateTimeOffset Updated)> ReadAsync(Guid id)
    {
        await using var cmd = _source.CreateCommand("SELECT vm_state, task_state, power_state, host, updated_at FROM instances WHERE id = @id");
        cmd.Parameters.AddWithValue("id", id);
        await using var r = await cmd.ExecuteReaderAsync();
        Assert.True(await r.ReadAsync());
        return (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.GetInt32(2), r.IsDBNull(3) ? null : r.GetString(3),
            r.GetFieldValue<DateTimeOffset>(4));
    }

    private async Task<long> ActionCountAsync(Guid id)
    {
        await using var cmd = _source.CreateCommand("SELECT count(*) FROM instance_actions WHERE instance_id = @id");
        cmd.Parameters.AddWithValue("id", id);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Beginning_an_action_sets_the_task_state_and_records_the_action_together()
    {
        var id = await InsertAsync(VmState.Active, null);
        var writer = new InstanceWriter(_source, _store);

        await writer.BeginActionAsync(id, new TaskStateTransition { ExpectedTaskStates = [null], TaskState = TaskState.PoweringOff },
            "stop", "req-1", "u1", "p1", Now, CancellationToken.None);

        Assert.Equal(TaskState.PoweringOff, (await ReadAsync(id)).Task);
        Assert.Equal(1, await ActionCountAsync(id));
    }

    [Fact]
    public async Task A_lost_race_when_beginning_an_action_records_no_action()
    {
        var id = await InsertAsync(VmState.Active, TaskState.Deleting);
        var writer = new InstanceWriter(_source, _store);

        var e = await Assert.ThrowsAsync<UnexpectedTaskStateException>(() => writer.BeginActionAsync(id,
            new TaskStateTransition { ExpectedTaskStates = [null], TaskState = TaskState.PoweringOff }, "stop", "req-1", "u1", "p1", Now, CancellationToken.None));

        Assert.Equal(TaskState.Deleting, e.Actual);
        Assert.Equal(TaskState.Deleting, (await ReadAsync(id)).Task);
        Assert.Equal(0, await ActionCountAsync(id));
    }

    [Fact]
    public async Task A_transition_from_the_expected_task_state_applies()
    {
        var id = await InsertAsync(VmState.Building, TaskState.Scheduling);

        await _store.ApplyAsync(id, new TaskStateTransition
        {
            ExpectedTaskStates = [TaskState.Scheduling],
            TaskState = TaskState.Spawning,
            Host = "host1",
        });
        await _store.ApplyAsync(id, new TaskStateTransition
        {
            ExpectedTaskStates = [TaskState.Spawning],
            TaskState = null,
            VmState = VmState.Active,
            PowerState = (int)PowerState.Running,
            LaunchedAt = new DateTimeOffset(2026, 11, 26, 13, 0, 0, TimeSpan.FromHours(1)),
        });

        var row = await ReadAsync(id);
        Assert.Equal((VmState.Active, (string?)null, 1, "host1"), (row.Vm, row.Task, row.Power, row.Host));
        Assert.Equal(Now, row.Updated);
    }

    [Fact]
    public async Task Losing_the_race_raises_UnexpectedTaskState_and_changes_nothing()
    {
        var id = await InsertAsync(VmState.Active, TaskState.Deleting);

        var e = await Assert.ThrowsAsync<UnexpectedTaskStateException>(() => _store.ApplyAsync(id, new TaskStateTransition
        {
            ExpectedTaskStates = [null, TaskState.Rebooting],
            TaskState = TaskState.PoweringOff,
        }));

        Assert.Equal(TaskState.Deleting, e.Actual);
        Assert.Equal("None|rebooting", e.Expected);
        Assert.Equal(409, e.HttpStatus);
        Assert.Equal(TaskState.Deleting, (await ReadAsync(id)).Task);
    }

    [Fact]
    public async Task Only_one_of_two_concurrent_transitions_wins()
    {
        var id = await InsertAsync(VmState.Active, null);
        var transition = new TaskStateTransition { ExpectedTaskStates = [null], TaskState = TaskState.Rebooting };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                await _store.ApplyAsync(id, transition);
                return true;
            }
            catch (UnexpectedTaskStateException)
            {
                return false;
            }
        }));

        Assert.Equal(1, results.Count(r => r));
    }

    [Fact]
    public async Task A_missing_or_deleted_instance_raises_NotFound()
    {
        var deleted = await InsertAsync(VmState.Deleted, null, deleted: true);
        var transition = new TaskStateTransition { ExpectedTaskStates = [null], TaskState = TaskState.Deleting };

        await Assert.ThrowsAsync<NotFoundException>(() => _store.ApplyAsync(Guid.NewGuid(), transition));
        await Assert.ThrowsAsync<NotFoundException>(() => _store.ApplyAsync(deleted, transition));
    }

    [Fact]
    public async Task A_transition_inside_a_transaction_is_rolled_back_with_it()
    {
        var id = await InsertAsync(VmState.Active, null);
        await using (var connection = await _source.OpenConnectionAsync())
        await using (var tx = await connection.BeginTransactionAsync())
        {
            await _store.ApplyAsync(id, new TaskStateTransition { ExpectedTaskStates = [null], TaskState = TaskState.Rebooting }, tx);
            await tx.RollbackAsync();
        }

        Assert.Null((await ReadAsync(id)).Task);
    }

    [Fact]
    public async Task A_transition_without_expected_states_is_refused()
    {
        var id = await InsertAsync(VmState.Active, null);

        await Assert.ThrowsAsync<ArgumentException>(() => _store.ApplyAsync(id, new TaskStateTransition { ExpectedTaskStates = [] }));
    }
}
