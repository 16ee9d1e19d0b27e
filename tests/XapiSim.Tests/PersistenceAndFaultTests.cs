using ControlPlane.XenApi.Enums;
using ControlPlane.XenApi.Errors;
using ControlPlane.XenApi.Refs;
using ControlPlane.XenApi.Sessions;
using XapiSim.Tests.Infrastructure;

namespace XapiSim.Tests;

public sealed class PersistenceAndFaultTests
{
    private static async Task<(HostRef Host, SrRef Sr)> HostAndSrAsync(XenApiSession session)
    {
        var pool = (await session.Pool.GetAllRecordsAsync()).Values.Single();
        return (pool.Master, pool.DefaultSr);
    }

    [Fact]
    public async Task Restart_keeps_vms_disks_and_chains_and_the_client_logs_in_again()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var (host, sr) = await HostAndSrAsync(session);
        var vm = await session.Vm.CreateAsync(Records.NovaVm("instance-persist"));
        var vdi = await session.Vdi.CreateAsync(Records.Disk(sr, "root", 4L << 20));
        var data = Disks.Pattern(4L << 20, seed: 30);
        await Disks.WriteRawAsync(session, vdi, data);
        await session.Vdi.SnapshotAsync(vdi);
        await session.Vbd.CreateAsync(Records.Root(vm, vdi));
        await session.Vm.StartOnAsync(vm, host);
        var vmUuid = (await session.Vm.GetRecordAsync(vm)).Uuid;
        var parent = (await session.Vdi.GetSmConfigAsync(vdi))["vhd-parent"];
        var oldSession = session.SessionRef;

        await sim.RestartAsync();

        var again = await session.Vm.GetByUuidAsync(vmUuid);
        Assert.NotEqual(oldSession, session.SessionRef);
        var record = await session.Vm.GetRecordAsync(again);
        Assert.Equal(VmPowerState.Running, record.PowerState);
        Assert.Equal("instance-persist", record.NameLabel);
        var root = await session.Vbd.GetRecordAsync(Assert.Single(record.Vbds));
        Assert.Equal(vdi, root.Vdi);
        Assert.Equal(parent, (await session.Vdi.GetSmConfigAsync(vdi))["vhd-parent"]);
        Assert.Equal(data, await Disks.ReadRawAsync(session, vdi));
    }

    [Fact]
    public async Task Fail_fault_hits_the_named_call_count_times()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var (host, _) = await HostAndSrAsync(session);
        var vm = await session.Vm.CreateAsync(Records.NovaVm("instance-fault"));
        await sim.AdminAsync("/_sim/faults", new { call = "VM.start_on", mode = "fail", count = 2, error = new[] { "VM_MISSING_PV_DRIVERS", vm.OpaqueRef } });

        var first = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vm.StartOnAsync(vm, host));
        var second = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vm.StartOnAsync(vm, host));
        await session.Vm.StartOnAsync(vm, host);

        Assert.Equal([XenApiErrorCodes.VmMissingPvDrivers, vm.OpaqueRef], first.ErrorDescription);
        Assert.Equal(XenApiErrorCodes.VmMissingPvDrivers, second.Code);
        Assert.Equal(VmPowerState.Running, await session.Vm.GetPowerStateAsync(vm));
    }

    [Fact]
    public async Task Delay_fault_keeps_an_async_task_pending_then_it_completes()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var (host, _) = await HostAndSrAsync(session);
        var vm = await session.Vm.CreateAsync(Records.NovaVm("instance-slow"));
        await session.Vm.StartOnAsync(vm, host);
        await sim.AdminAsync("/_sim/faults", new { call = "VM.clean_shutdown", mode = "delay", delayMs = 4000 });

        var task = await session.Vm.BeginCleanShutdownAsync(vm);
        var statusRightAway = await session.Task.GetStatusAsync(task);
        await session.Task.WaitAsync(task);

        Assert.Equal(XenTaskStatus.Pending, statusRightAway);
        Assert.Equal(VmPowerState.Halted, await session.Vm.GetPowerStateAsync(vm));
    }

    [Fact]
    public async Task Sr_full_switch_fails_allocations_with_sm_error_44()
    {
        await using var sim = await SimHost.StartAsync();
        await using var session = sim.NewSession();
        var (_, sr) = await HostAndSrAsync(session);
        var existing = await session.Vdi.CreateAsync(Records.Disk(sr, "a", 2L << 20));
        await sim.AdminAsync("/_sim/sr-full", new { full = true });

        var create = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vdi.CreateAsync(Records.Disk(sr, "b", 2L << 20)));
        var snapshot = await Assert.ThrowsAsync<XenApiFailure>(() => session.Vdi.SnapshotAsync(existing));
        await sim.AdminAsync("/_sim/sr-full", new { full = false });
        await session.Vdi.CreateAsync(Records.Disk(sr, "c", 2L << 20));

        Assert.Equal(XenApiErrorCodes.SrBackendFailureNoSpace, create.Code);
        Assert.True(create.IsSrBackendFailure);
        Assert.Equal(44, snapshot.SrBackendFailureNumber);
        Assert.Null((await session.Vdi.GetRecordAsync(existing)).VhdParent);
    }
}
