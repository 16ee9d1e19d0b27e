using ControlPlane.Compute.Consoles;
using ControlPlane.Compute.Rebuild;
using ControlPlane.Compute.Startup;
using ControlPlane.Compute.UnitTests.Infrastructure;
using ControlPlane.Domain.Errors;
using ControlPlane.Domain.States;
using ControlPlane.Protos.Rpc.V1;
using Microsoft.Extensions.Logging.Abstractions;

namespace ControlPlane.Compute.UnitTests.Rebuild;

/// <summary>rebuild_instance on the operation runner with the FakeDriver, and get_console_output's tail.</summary>
public sealed class RebuildAndConsoleOutputTests
{
    private static readonly Guid NewImage = Guid.Parse("22222222-2222-2222-2222-222222222222");

    [Theory]
    [InlineData(VmState.Active, VmState.Active, PowerState.Running)]
    [InlineData(VmState.Stopped, VmState.Stopped, PowerState.Shutdown)]
    [InlineData(VmState.Error, VmState.Active, PowerState.Running)]
    public async Task Rebuild_reports_each_step_then_the_vm_state_it_started_from_and_the_driver_boots_the_new_image(
        string from, string expectedVmState, PowerState expectedPower)
    {
        var (f, spec) = await SpawnedAsync(from);

        await f.Runner.RunAsync(new RebuildInstanceOperation(f.Driver, f.Images, f.Time), Rebuild(spec), redelivered: false, CancellationToken.None);

        var updates = f.Rpc.CastsOf<InstanceUpdate>().ToList();
        Assert.Equal([TaskState.RebuildBlockDeviceMapping, TaskState.RebuildSpawning, ""], updates.Select(u => u.TaskState));
        var done = updates[^1];
        Assert.Equal((expectedVmState, (int)expectedPower, "Success"), (done.VmState, done.PowerState, done.EventResult));
        Assert.Equal(f.Time.GetUtcNow(), done.LaunchedAt.ToDateTimeOffset());
        Assert.Equal(NewImage, f.FakeDriver.ImageOf(Guid.Parse(spec.InstanceId)));
        Assert.Equal(["instance.rebuild.start", "instance.rebuild.end"], f.Notifier.Sent.Select(n => n.EventType));
    }

    [Fact]
    public async Task A_rebuild_of_a_rescued_instance_fails_into_error_with_the_fault()
    {
        var (f, spec) = await SpawnedAsync(VmState.Active);
        await f.RescueSteps.RescueAsync(ComputeFixture.Virt(spec), Guid.NewGuid(), CancellationToken.None);

        await f.Runner.RunAsync(new RebuildInstanceOperation(f.Driver, f.Images, f.Time), Rebuild(spec), redelivered: false, CancellationToken.None);

        var failed = Assert.Single(f.Rpc.CastsOf<InstanceUpdate>(), u => u.Fault is not null);
        Assert.Equal(("", VmState.Error, "Error"), (failed.TaskState, failed.VmState, failed.EventResult));
        Assert.Contains("rescue", failed.Fault.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_console_log_grows_with_each_boot_and_is_tailed_as_nova_tails_it()
    {
        var (f, spec) = await SpawnedAsync(VmState.Active);
        var readiness = new ComputeReadiness();
        readiness.MarkDriverReady();
        var manager = new ConsoleManager(f.Driver, readiness, NullLogger<ConsoleManager>.Instance);

        var first = await manager.GetConsoleOutputAsync(spec, null, CancellationToken.None);
        await f.Driver.RebootAsync(ComputeFixture.Virt(spec), hard: true, CancellationToken.None);
        var second = await manager.GetConsoleOutputAsync(spec, null, CancellationToken.None);
        var tail = await manager.GetConsoleOutputAsync(spec, 10, CancellationToken.None);

        Assert.Contains(spec.InstanceName + " login:", first, StringComparison.Ordinal);
        Assert.True(first.Split('\n').Length >= 15);
        Assert.StartsWith(first, second, StringComparison.Ordinal);
        Assert.Contains("(boot 2)", second, StringComparison.Ordinal);
        Assert.Equal(10, tail.Split('\n').Length);
        Assert.EndsWith(tail, second, StringComparison.Ordinal);
        Assert.Equal("", await manager.GetConsoleOutputAsync(spec, 0, CancellationToken.None));
    }

    [Fact]
    public async Task The_console_log_of_an_unknown_instance_is_not_found()
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var readiness = new ComputeReadiness();
        readiness.MarkDriverReady();
        var manager = new ConsoleManager(f.Driver, readiness, NullLogger<ConsoleManager>.Instance);

        await Assert.ThrowsAsync<NotFoundException>(() => manager.GetConsoleOutputAsync(ComputeFixture.Spec(VmState.Active, ""), null, CancellationToken.None));
    }

    [Theory]
    [InlineData("a\nb\nc", 2, "b\nc")]
    [InlineData("a\nb\nc\n", 2, "c\n")]
    [InlineData("a\nb", 5, "a\nb")]
    [InlineData("a\nb", null, "a\nb")]
    [InlineData("a\nb", 0, "")]
    public void Tail_keeps_the_last_parts_split_on_newlines(string log, int? length, string expected) =>
        Assert.Equal(expected, ConsoleManager.Tail(log, length));

    private static RebuildInstance Rebuild(InstanceSpec spec)
    {
        var copy = spec.Clone();
        copy.TaskState = TaskState.Rebuilding;
        copy.ImageId = NewImage.ToString("D");
        return new RebuildInstance { Instance = copy, OriginalImageId = spec.ImageId };
    }

    private static async Task<(ComputeFixture, InstanceSpec)> SpawnedAsync(string vmState)
    {
        var f = new ComputeFixture();
        await f.InitAsync();
        var spec = ComputeFixture.Spec(vmState, "", power: vmState == VmState.Stopped ? PowerState.Shutdown : PowerState.Running);
        await f.Driver.SpawnAsync(ComputeFixture.Virt(spec), f.Images, CancellationToken.None);
        if (vmState == VmState.Stopped)
        {
            await f.Driver.PowerOffAsync(ComputeFixture.Virt(spec), TimeSpan.Zero, CancellationToken.None);
        }
        return (f, spec);
    }
}
