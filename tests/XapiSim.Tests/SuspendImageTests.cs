using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using ControlPlane.XenApi.Transport;
using XapiSim.Tests.Infrastructure;

namespace XapiSim.Tests;

/// <summary>Pause, suspend and the suspend image as XAPI keeps them (xapi_xenops.ml suspend/resume, xapi_vm.ml hard_shutdown).</summary>
public sealed class SuspendImageTests
{
    private static async Task<(VmRef Vm, SrRef Sr)> RunningVmAsync(XenApiSession session, string name, long memory = 512L << 20)
    {
        var pool = (await session.Pool.GetAllRecordsAsync()).Values.Single();
        var vm = await session.Vm.CreateAsync(Records.NovaVm(name, memory));
        var vdi = await session.Vdi.CreateAsync(Records.Disk(pool.DefaultSr, name + " root", 16L << 20));
        await session.Vbd.CreateAsync(Records.Root(vm, vdi));
        await session.Vm.StartOnAsync(vm, pool.Master);
        return (vm, pool.DefaultSr);
    }

    [Theory]
    [InlineData(XenApiProtocol.XmlRpc)]
    [InlineData(XenApiProtocol.JsonRpc)]
    public async Task Pause_and_unpause_keep_the_domain_and_check_the_power_state(XenApiProtocol protocol)
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession(protocol);
        var (vm, _) = await RunningVmAsync(session, "instance-pause");
        var domid = (await session.Vm.GetRecordAsync(vm)).Domid;

        await session.Vm.PauseAsync(vm);
        var paused = await session.Vm.GetRecordAsync(vm);
        var again = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vm.PauseAsync(vm));
        var suspendPaused = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vm.SuspendAsync(vm));
        await session.Vm.UnpauseAsync(vm);
        var unpauseRunning = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vm.UnpauseAsync(vm));

        Assert.Equal((VmPowerState.Paused, domid), (paused.PowerState, paused.Domid));
        Assert.False(paused.ResidentOn.IsNull);
        Assert.Equal([XenApiErrorCodes.VmBadPowerState, vm.OpaqueRef, "running", "paused"], again.ErrorDescription);
        Assert.Equal(["running", "paused"], suspendPaused.Parameters.Skip(1));
        Assert.Equal(["paused", "running"], unpauseRunning.Parameters.Skip(1));
        Assert.Equal(VmPowerState.Running, await session.Vm.GetPowerStateAsync(vm));
    }

    [Fact]
    public async Task Suspend_creates_the_suspend_image_and_resume_destroys_it()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession(XenApiProtocol.XmlRpc);
        var (vm, sr) = await RunningVmAsync(session, "instance-suspend", memory: 256L << 20);

        await session.Vm.SuspendAsync(vm);

        var suspended = await session.Vm.GetRecordAsync(vm);
        Assert.Equal((VmPowerState.Suspended, -1L), (suspended.PowerState, suspended.Domid));
        Assert.True(suspended.ResidentOn.IsNull);
        var image = await session.Vdi.GetRecordAsync(suspended.SuspendVdi);
        Assert.Equal((VdiType.Suspend, "Suspend image", sr), (image.Type, image.NameLabel, image.Sr));
        Assert.Equal(324L << 20, image.VirtualSize); // max(256 MiB × 1.26 = 322.56 MiB, 100 MiB), rounded up to 2 MiB
        Assert.Equal(suspended.Uuid, image.SmConfig["vm_hint"]);
        Assert.True(File.Exists(Path.Combine(sim.SrDirectory, image.Uuid + ".vhd")));
        var wrongResume = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vm.StartAsync(vm));
        Assert.Equal(["halted", "suspended"], wrongResume.Parameters.Skip(1));

        await session.Vm.ResumeAsync(vm, startPaused: false, force: false);

        var resumed = await session.Vm.GetRecordAsync(vm);
        Assert.Equal(VmPowerState.Running, resumed.PowerState);
        Assert.True(resumed.SuspendVdi.IsNull);
        Assert.True(resumed.Domid > 0);
        var gone = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vdi.GetRecordAsync(suspended.SuspendVdi));
        Assert.Equal(XenApiErrorCodes.HandleInvalid, gone.Code);
        Assert.False(File.Exists(Path.Combine(sim.SrDirectory, image.Uuid + ".vhd")));
        var resumeRunning = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vm.ResumeAsync(vm));
        Assert.Equal(["suspended", "running"], resumeRunning.Parameters.Skip(1));
    }

    [Fact]
    public async Task Resume_paused_starts_paused_and_hard_shutdown_of_a_suspended_vm_destroys_its_image()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var (vm, _) = await RunningVmAsync(session, "instance-suspend-2");
        await session.Vm.SuspendAsync(vm);
        await session.Vm.ResumeAsync(vm, startPaused: true, force: false);
        Assert.Equal(VmPowerState.Paused, await session.Vm.GetPowerStateAsync(vm));
        await session.Vm.UnpauseAsync(vm);
        await session.Vm.SuspendAsync(vm);
        var image = (await session.Vm.GetRecordAsync(vm)).SuspendVdi;

        await session.Vm.HardShutdownAsync(vm);

        var halted = await session.Vm.GetRecordAsync(vm);
        Assert.Equal(VmPowerState.Halted, halted.PowerState);
        Assert.True(halted.SuspendVdi.IsNull);
        Assert.DoesNotContain(image, (await session.Vdi.GetAllRecordsAsync()).Keys);
        await session.Vm.DestroyAsync(vm);
    }

    [Fact]
    public async Task Destroy_of_a_suspended_vm_leaves_the_suspend_image_as_xapi_does()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var (vm, _) = await RunningVmAsync(session, "instance-suspend-3");
        await session.Vm.SuspendAsync(vm);
        var image = (await session.Vm.GetRecordAsync(vm)).SuspendVdi;

        await session.Vm.DestroyAsync(vm);

        Assert.Contains(image, (await session.Vdi.GetAllRecordsAsync()).Keys);
        await session.Vdi.DestroyAsync(image);
    }

    [Fact]
    public async Task A_suspended_vm_and_its_image_survive_a_restart()
    {
        await using var sim = await SimHost.StartAsync();
        VmRef vm;
        VdiRef image;
        await using (var session = sim.NewSession())
        {
            (vm, _) = await RunningVmAsync(session, "instance-suspend-4");
            await session.Vm.SuspendAsync(vm);
            image = (await session.Vm.GetRecordAsync(vm)).SuspendVdi;
        }

        await sim.RestartAsync();

        await using var after = sim.NewSession();
        Assert.Equal(image, (await after.Vm.GetRecordAsync(vm)).SuspendVdi);
        Assert.Equal(VdiType.Suspend, (await after.Vdi.GetRecordAsync(image)).Type);
        await after.Vm.ResumeAsync(vm);
        Assert.Equal(VmPowerState.Running, await after.Vm.GetPowerStateAsync(vm));
    }
}
