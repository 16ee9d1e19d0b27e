using ControlPlane.Api.Compute.Actions;
using ControlPlane.Data.Instances;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.Operations;
using ControlPlane.Domain.States;

namespace ControlPlane.Actions.UnitTests.Api;

public sealed class PowerStateChecksTests
{
    private static void EnsureCanStop(InstanceRecord instance, bool admin) => ServerActionChecks.Ensure(InstanceOperations.Stop, instance, admin);

    private static void EnsureCanStart(InstanceRecord instance, bool admin) => ServerActionChecks.Ensure(InstanceOperations.Start, instance, admin);

    /// <summary>The checks of a reboot; returns the task states its compare-and-set expects.</summary>
    private static IReadOnlyList<string?> EnsureCanReboot(InstanceRecord instance, bool admin, bool hard)
    {
        var operation = hard ? InstanceOperations.RebootHard : InstanceOperations.Reboot;
        ServerActionChecks.Ensure(operation, instance, admin);
        return operation.AllowedTaskStates;
    }

    private static InstanceRecord Instance(string vmState, string? taskState = null, string? host = "host1", bool locked = false) => new()
    {
        Id = Guid.Parse("6f0c1a8e-3a52-4c55-9d0e-2b7a1c9e0b11"), InternalId = 1, ProjectId = "p", UserId = "u", DisplayName = "vm",
        FlavorId = "1", FlavorJson = "{}", ImageRef = "i", VmState = vmState, TaskState = taskState, Host = host, Locked = locked,
        ReservationId = "r-1", CreatedAt = DateTimeOffset.UnixEpoch, UpdatedAt = DateTimeOffset.UnixEpoch,
    };

    [Theory]
    [InlineData(VmState.Active)]
    [InlineData(VmState.Error)]
    public void Stop_is_allowed_from_active_and_error_without_task(string vmState) =>
        EnsureCanStop(Instance(vmState), admin: false);

    [Fact]
    public void Stop_of_a_stopped_server_is_refused_with_novas_message()
    {
        var e = Assert.Throws<ConflictException>(() => EnsureCanStop(Instance(VmState.Stopped), admin: false));
        Assert.Equal("Cannot 'stop' instance 6f0c1a8e-3a52-4c55-9d0e-2b7a1c9e0b11 while it is in vm_state stopped", e.Message);
    }

    [Fact]
    public void Stop_during_a_task_names_the_task_state()
    {
        var e = Assert.Throws<ConflictException>(() => EnsureCanStop(Instance(VmState.Active, TaskState.Rebooting), admin: false));
        Assert.Equal("Cannot 'stop' instance 6f0c1a8e-3a52-4c55-9d0e-2b7a1c9e0b11 while it is in task_state rebooting", e.Message);
    }

    [Fact]
    public void Start_needs_stopped()
    {
        EnsureCanStart(Instance(VmState.Stopped), admin: false);
        var e = Assert.Throws<ConflictException>(() => EnsureCanStart(Instance(VmState.Active), admin: false));
        Assert.Equal("Cannot 'start' instance 6f0c1a8e-3a52-4c55-9d0e-2b7a1c9e0b11 while it is in vm_state active", e.Message);
    }

    [Fact]
    public void Locked_server_is_refused_unless_admin()
    {
        var locked = Instance(VmState.Active, locked: true);
        var e = Assert.Throws<ConflictException>(() => EnsureCanStop(locked, admin: false));
        Assert.Equal("Instance 6f0c1a8e-3a52-4c55-9d0e-2b7a1c9e0b11 is locked", e.Message);
        EnsureCanStop(locked, admin: true);
    }

    [Fact]
    public void Server_without_host_is_not_ready()
    {
        var e = Assert.Throws<ConflictException>(() => EnsureCanStart(Instance(VmState.Stopped, host: null), admin: false));
        Assert.Equal("Instance 6f0c1a8e-3a52-4c55-9d0e-2b7a1c9e0b11 is not ready", e.Message);
    }

    [Fact]
    public void Soft_reboot_needs_active_and_no_task()
    {
        Assert.Equal([null], EnsureCanReboot(Instance(VmState.Active), admin: false, hard: false));
        var stopped = Assert.Throws<ConflictException>(() => EnsureCanReboot(Instance(VmState.Stopped), admin: false, hard: false));
        Assert.Equal("Cannot '_soft_reboot' instance 6f0c1a8e-3a52-4c55-9d0e-2b7a1c9e0b11 while it is in vm_state stopped", stopped.Message);
        var rebooting = Assert.Throws<ConflictException>(() => EnsureCanReboot(Instance(VmState.Active, TaskState.Rebooting), admin: false, hard: false));
        Assert.Contains("while it is in task_state rebooting", rebooting.Message);
    }

    [Fact]
    public void Hard_reboot_is_allowed_from_stopped_and_error_and_over_a_soft_reboot()
    {
        EnsureCanReboot(Instance(VmState.Stopped), admin: false, hard: true);
        EnsureCanReboot(Instance(VmState.Error), admin: false, hard: true);
        var expected = EnsureCanReboot(Instance(VmState.Active, TaskState.Rebooting), admin: false, hard: true);
        Assert.Contains(TaskState.Rebooting, expected);
        Assert.Contains(null, expected);
    }

    [Fact]
    public void Reboot_of_a_building_server_is_refused()
    {
        var e = Assert.Throws<ConflictException>(() => EnsureCanReboot(Instance(VmState.Building, TaskState.Spawning), admin: false, hard: true));
        Assert.Equal("Cannot 'reboot' instance 6f0c1a8e-3a52-4c55-9d0e-2b7a1c9e0b11 while it is in vm_state building", e.Message);
    }
}
