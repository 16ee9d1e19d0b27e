using ControlPlane.Api.Compute.Servers;
using ControlPlane.Domain.States;

namespace ControlPlane.Api.UnitTests.Compute;

public sealed class ServerStatusTests
{
    [Theory]
    [InlineData(VmState.Building, TaskState.Scheduling, "BUILD")]
    [InlineData(VmState.Active, null, "ACTIVE")]
    [InlineData(VmState.Active, TaskState.Deleting, "ACTIVE")]
    [InlineData(VmState.Active, TaskState.Rebooting, "REBOOT")]
    [InlineData(VmState.Active, TaskState.ResizePrep, "RESIZE")]
    [InlineData(VmState.Stopped, null, "SHUTOFF")]
    [InlineData(VmState.Resized, null, "VERIFY_RESIZE")]
    [InlineData(VmState.Error, null, "ERROR")]
    [InlineData(VmState.Deleted, null, "DELETED")]
    public void Maps_states_as_nova(string vm, string? task, string status) => Assert.Equal(status, ServerStatus.From(vm, task));

    [Fact]
    public void Hostnames_are_sanitized_as_nova()
    {
        var id = Guid.Parse("6f1c8b36-8cf1-4bd4-9a39-6b0b3b6c0a11");
        Assert.Equal("my-vm-1", Hostnames.Sanitize("My VM_1", id));
        Assert.Equal("abc", Hostnames.Sanitize("--a!b@c..", id));
        Assert.Equal("server-" + id, Hostnames.Sanitize("!!!", id));
        Assert.Equal(63, Hostnames.Sanitize(new string('a', 100), id).Length);
    }
}
